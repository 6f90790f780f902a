package io.hybench.bench.metrics;

import io.hybench.bench.client.RequestRecord;

import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.LongConsumer;

/**
 * The one definition of every per-request and aggregate metric (docs/metrics.md is its prose twin).
 * Bench, reports and exports call these; nothing else subtracts timestamps. A metric that is not
 * defined for a request (no content, one token, failed) is empty, never a plausible zero.
 */
public final class Metrics {
    private static final double NANOS_PER_SECOND = 1e9;

    private Metrics() {
    }

    /** Time to first token: intended send to the first chunk with real content. Empty without content. */
    public static OptionalLong ttftNanos(RequestRecord r) {
        return r.firstContentNanos() == null ? OptionalLong.empty() : OptionalLong.of(r.firstContentNanos() - r.intendedSendNanos());
    }

    /** End-to-end latency: intended send to end of stream. Defined for successful requests only. */
    public static OptionalLong e2eNanos(RequestRecord r) {
        return r.succeeded() ? OptionalLong.of(r.endNanos() - r.intendedSendNanos()) : OptionalLong.empty();
    }

    /** How late the client sent the request relative to its schedule (>= 0 unless clocks misbehave). */
    public static long sendLagNanos(RequestRecord r) {
        return r.sendNanos() - r.intendedSendNanos();
    }

    /**
     * Inter-token latency: every gap between consecutive content chunks, in order. A request with
     * n content chunks contributes n-1 gaps (none for 0 or 1 chunk). Gaps are per chunk, as a user
     * sees them; when a server packs several tokens into one chunk, TPOT is the per-token figure.
     */
    public static void forEachItlNanos(RequestRecord r, LongConsumer gap) {
        long[] t = r.chunkArrivalNanos();
        for (int i = 1; i < t.length; i++) gap.accept(t[i] - t[i - 1]);
    }

    /**
     * Time per output token after the first: (last content chunk - first content chunk) / (outputTokens - 1).
     * Empty for failed requests, unknown token counts, or fewer than two output tokens.
     */
    public static OptionalDouble tpotNanos(RequestRecord r) {
        Integer out = r.outputTokens();
        long[] t = r.chunkArrivalNanos();
        if (!r.succeeded() || out == null || out < 2 || t.length == 0) return OptionalDouble.empty();
        return OptionalDouble.of((double) (t[t.length - 1] - t[0]) / (out - 1));
    }

    /** Output tokens per second of one request: outputTokens / E2E. Empty when either is unknown. */
    public static OptionalDouble outputTokensPerSecond(RequestRecord r) {
        OptionalLong e2e = e2eNanos(r);
        Integer out = r.outputTokens();
        if (e2e.isEmpty() || out == null || e2e.getAsLong() <= 0) return OptionalDouble.empty();
        return OptionalDouble.of(out * NANOS_PER_SECOND / e2e.getAsLong());
    }

    /** Aggregate output tokens per second: output tokens of successful requests / window length. */
    public static double aggregateOutputTokensPerSecond(long successfulOutputTokens, long windowNanos) {
        return ratePerSecond(successfulOutputTokens, windowNanos);
    }

    /** Request throughput: successful requests completed in the window / window length. */
    public static double requestsPerSecond(long successfulRequests, long windowNanos) {
        return ratePerSecond(successfulRequests, windowNanos);
    }

    /** Goodput: successful requests meeting every SLO / window length. */
    public static double goodputPerSecond(long requestsMeetingSlos, long windowNanos) {
        return ratePerSecond(requestsMeetingSlos, windowNanos);
    }

    /** Energy efficiency: output tokens of successful requests per joule drawn by the GPUs. NaN without energy. */
    public static double outputTokensPerJoule(long successfulOutputTokens, double joules) {
        return joules > 0 ? successfulOutputTokens / joules : Double.NaN;
    }

    private static double ratePerSecond(long count, long windowNanos) {
        if (windowNanos <= 0) return Double.NaN;
        return count * NANOS_PER_SECOND / windowNanos;
    }
}
