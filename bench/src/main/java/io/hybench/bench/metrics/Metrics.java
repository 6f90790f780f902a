package io.hybench.bench.metrics;

import io.hybench.bench.client.RequestRecord;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    private static final double NANOS_PER_MS = 1e6;

    private Metrics() {
    }

    /** Time to first token: intended send to the first chunk with real content. Empty without content. */
    public static OptionalLong ttftNanos(RequestRecord r) {
        return r.timeline().firstContentNanos() == null ? OptionalLong.empty() : OptionalLong.of(r.timeline().firstContentNanos() - r.timeline().intendedSendNanos());
    }

    /** End-to-end latency: intended send to end of stream. Defined for successful requests only. */
    public static OptionalLong e2eNanos(RequestRecord r) {
        return r.succeeded() ? OptionalLong.of(r.timeline().endNanos() - r.timeline().intendedSendNanos()) : OptionalLong.empty();
    }

    /** How late the client sent the request relative to its schedule (>= 0 unless clocks misbehave). */
    public static long sendLagNanos(RequestRecord r) {
        return r.timeline().sendNanos() - r.timeline().intendedSendNanos();
    }

    /**
     * Inter-token latency: every gap between consecutive content chunks, in order. A request with
     * n content chunks contributes n-1 gaps (none for 0 or 1 chunk). Gaps are per chunk, as a user
     * sees them; when a server packs several tokens into one chunk, TPOT is the per-token figure.
     */
    public static void forEachItlNanos(RequestRecord r, LongConsumer gap) {
        long[] t = r.timeline().chunkArrivalNanos();
        for (int i = 1; i < t.length; i++) gap.accept(t[i] - t[i - 1]);
    }

    /**
     * Time per output token after the first: (last content chunk - first content chunk) / (outputTokens - 1).
     * Empty for failed requests, unknown token counts, or fewer than two output tokens.
     */
    public static OptionalDouble tpotNanos(RequestRecord r) {
        Integer out = r.tokens().outputTokens();
        long[] t = r.timeline().chunkArrivalNanos();
        if (!r.succeeded() || out == null || out < 2 || t.length == 0) return OptionalDouble.empty();
        return OptionalDouble.of((double) (t[t.length - 1] - t[0]) / (out - 1));
    }

    /** Output tokens per second of one request: outputTokens / E2E. Empty when either is unknown. */
    public static OptionalDouble outputTokensPerSecond(RequestRecord r) {
        OptionalLong e2e = e2eNanos(r);
        Integer out = r.tokens().outputTokens();
        if (e2e.isEmpty() || out == null || e2e.getAsLong() <= 0) return OptionalDouble.empty();
        return OptionalDouble.of(out * NANOS_PER_SECOND / e2e.getAsLong());
    }

    /** Receives output tokens delivered at a time: {@code tokens} may be a fraction of a token. */
    @FunctionalInterface
    public interface TokenDelivery {
        void accept(long atNanos, double tokens);
    }

    /**
     * When a successful request's output tokens were delivered: its {@code outputTokens} spread over its
     * content chunks in proportion to their token counts (equally when those are unknown), each share at
     * the chunk's arrival. So a server count that includes an unsent EOS token is spread, not dropped.
     * A request with tokens but no content chunk (non-streaming) delivers them all at its end.
     */
    public static void forEachDeliveredToken(RequestRecord r, TokenDelivery delivery) {
        Integer out = r.tokens().outputTokens();
        if (!r.succeeded() || out == null || out <= 0) return;
        long[] at = r.timeline().chunkArrivalNanos();
        if (at.length == 0) {
            delivery.accept(r.timeline().endNanos(), out);
            return;
        }
        long weightSum = 0;
        for (int c : r.timeline().chunkTokenCounts()) weightSum += Math.max(0, c);
        for (int i = 0; i < at.length; i++) {
            double share = weightSum > 0 ? (double) Math.max(0, r.timeline().chunkTokenCounts()[i]) / weightSum : 1.0 / at.length;
            delivery.accept(at[i], out * share);
        }
    }

    /**
     * Aggregate output tokens per second of a step: tokens delivered while the load was applied (from the
     * end of the warm-up to the end of the load, {@link DeliveredTokens}) / that time. NaN for an empty window.
     */
    public static double deliveredOutputTokensPerSecond(double deliveredTokens, long loadWindowNanos) {
        if (loadWindowNanos <= 0) return Double.NaN;
        return deliveredTokens * NANOS_PER_SECOND / loadWindowNanos;
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

    /** Energy efficiency: output tokens delivered per joule the GPUs drew over the same time. NaN without energy. */
    public static double outputTokensPerJoule(double deliveredOutputTokens, double joules) {
        return joules > 0 ? deliveredOutputTokens / joules : Double.NaN;
    }

    /** Completions (successful or failed) in the window / window length: the throughput of Little's law. */
    public static double completionsPerSecond(long completedRequests, long windowNanos) {
        return ratePerSecond(completedRequests, windowNanos);
    }

    private static double ratePerSecond(long count, long windowNanos) {
        if (windowNanos <= 0) return Double.NaN;
        return count * NANOS_PER_SECOND / windowNanos;
    }
    /**
     * Whether a request is good under the SLOs: it succeeded and meets every limit given. An undefined
     * TPOT (fewer than two tokens) passes a TPOT limit, as there is nothing to violate.
     */
    public static boolean meetsSlos(RequestRecord r, Slo slo) {
        if (!r.succeeded()) return false;
        if (slo.ttftMs() != null) {
            OptionalLong ttft = ttftNanos(r);
            if (ttft.isEmpty() || ttft.getAsLong() > slo.ttftMs() * NANOS_PER_MS) return false;
        }
        if (slo.tpotMs() != null) {
            OptionalDouble tpot = tpotNanos(r);
            if (tpot.isPresent() && tpot.getAsDouble() > slo.tpotMs() * NANOS_PER_MS) return false;
        }
        if (slo.e2eMs() != null) {
            OptionalLong e2e = e2eNanos(r);
            if (e2e.isEmpty() || e2e.getAsLong() > slo.e2eMs() * NANOS_PER_MS) return false;
        }
        return true;
    }

    /** Whether any limit is set; without one, "meeting the SLOs" is not evaluated. */
    public static boolean hasLimits(Slo slo) {
        return slo.ttftMs() != null || slo.tpotMs() != null || slo.e2eMs() != null;
    }

    /** A step meets its SLOs when good / requests >= attainment; an empty step does not. */
    public static boolean stepMeetsSlos(long goodRequests, long requests, Slo slo) {
        return requests > 0 && (double) goodRequests / requests >= slo.attainment();
    }

    /** part / whole, NaN for an empty whole (an error rate of nothing is not 0). */
    /**
     * Cached share of prompt tokens: Σ cached input tokens / Σ input tokens over the successful measured requests
     * whose usage reported cached tokens; null (absent from the summary) when none did, NaN when their inputs sum to 0.
     */
    public static Double cachedInputShare(StepStats.PromptCache c) {
        return c.requests() == 0 ? null : fraction(c.cachedTokens(), c.inputTokens());
    }

    public static double fraction(long part, long whole) {
        return whole <= 0 ? Double.NaN : (double) part / whole;
    }

    /**
     * The arrival rate actually offered: (n - 1) arrivals over the span from the first to the last
     * intended send. NaN for fewer than two arrivals.
     */
    public static double offeredRatePerSecond(long arrivals, long firstIntendedNanos, long lastIntendedNanos) {
        if (arrivals < 2 || lastIntendedNanos <= firstIntendedNanos) return Double.NaN;
        return (arrivals - 1) * NANOS_PER_SECOND / (lastIntendedNanos - firstIntendedNanos);
    }

    /** Little's law: mean requests in the system = completions per second x mean latency in seconds. */
    public static double littleLawInFlight(double completionsPerSecond, double meanLatencyNanos) {
        return completionsPerSecond * meanLatencyNanos / NANOS_PER_SECOND;
    }

    /** |observed - predicted| / max(observed, predicted); NaN when both are zero or either is unknown. */
    public static double relativeGap(double observed, double predicted) {
        double scale = Math.max(Math.abs(observed), Math.abs(predicted));
        if (!(scale > 0)) return Double.NaN;
        return Math.abs(observed - predicted) / scale;
    }

    public static double nanosToMs(double nanos) {
        return nanos / NANOS_PER_MS;
    }

    /**
     * How late a step's arrival stamps may be (docs/metrics.md, "Timing uncertainty"): P99 of the in-batch
     * stamp delay plus P99 of the I/O loops' lag, since a read can wait for its loop and then for the reads
     * ahead of it in the batch. A part not measured counts 0; NaN when neither was.
     */
    public static double timingUncertaintyMs(double stampDelayP99Ms, double ioLoopLagP99Ms) {
        if (Double.isNaN(stampDelayP99Ms) && Double.isNaN(ioLoopLagP99Ms)) return Double.NaN;
        return (Double.isNaN(stampDelayP99Ms) ? 0 : stampDelayP99Ms) + (Double.isNaN(ioLoopLagP99Ms) ? 0 : ioLoopLagP99Ms);
    }

    /**
     * The timing error a step's latencies can carry and still be trusted (docs/metrics.md, "Timing
     * uncertainty"): {@code timingToleranceFraction} of the shortest latency the step measured, its P50
     * inter-token gap (else its P50 TTFT), but never under {@code minTimingToleranceMs}. The self-check
     * compares the measured uncertainty with it; {@code hybench score} compares the truth-scored error.
     */
    public static double timingToleranceMs(Percentiles itl, Percentiles ttft, TrustLimits limits) {
        double base = timingToleranceBaseMs(itl, ttft);
        double relative = Double.isFinite(base) ? limits.timingToleranceFraction() * base : 0;
        return Math.max(limits.minTimingToleranceMs(), relative);
    }

    /** What {@link #timingToleranceMs} was taken from, for messages. */
    public static String timingToleranceBasis(Percentiles itl, Percentiles ttft, TrustLimits limits) {
        double base = timingToleranceBaseMs(itl, ttft);
        if (!Double.isFinite(base) || limits.timingToleranceFraction() * base < limits.minTimingToleranceMs()) {
            return String.format(Locale.ROOT, "the %.2f ms floor", limits.minTimingToleranceMs());
        }
        return String.format(Locale.ROOT, "%.0f%% of the P50 %s %.2f ms", limits.timingToleranceFraction() * 100,
                itl.count() > 0 ? "inter-token gap" : "TTFT", base);
    }

    private static double timingToleranceBaseMs(Percentiles itl, Percentiles ttft) {
        if (itl != null && itl.count() > 0) return itl.p50Ms();
        return ttft != null && ttft.count() > 0 ? ttft.p50Ms() : Double.NaN;
    }

    /**
     * A request's own timing uncertainty (docs/metrics.md, "Timing uncertainty"): how far its arrival stamps may be off,
     * taken by the client when it made the record; empty for records without one (no connection, older files).
     */
    public static OptionalLong timingUncertaintyNanos(RequestRecord r) {
        return optional(r.timeline().uncertainty().requestNanos());
    }

    /**
     * How far a request's TTFT may be off by its end stamp (docs/metrics.md, "Per-request timing uncertainty"); empty
     * where its TTFT is ({@link #ttftNanos}) or the record has none.
     */
    public static OptionalLong ttftTimingUncertaintyNanos(RequestRecord r) {
        return ttftNanos(r).isEmpty() ? OptionalLong.empty() : optional(r.timeline().uncertainty().ttftNanos());
    }

    /**
     * How far a request's E2E may be off by its end stamp (docs/metrics.md, "Per-request timing uncertainty"); empty where
     * its E2E is ({@link #e2eNanos}: failed requests) or the record has none.
     */
    public static OptionalLong e2eTimingUncertaintyNanos(RequestRecord r) {
        return e2eNanos(r).isEmpty() ? OptionalLong.empty() : optional(r.timeline().uncertainty().e2eNanos());
    }

    private static OptionalLong optional(Long nanos) {
        return nanos == null ? OptionalLong.empty() : OptionalLong.of(nanos);
    }

    /**
     * A step's (or level's) aggregate of its measured requests' own timing uncertainty ({@link #timingUncertaintyNanos}):
     * P50, P99 and max of {@code nanos}, the histogram of the requests that have one, in ms (NaN when none), with how many
     * have none. Read off the histogram merged over the step's requests, or over a level's repetitions, like the latencies.
     */
    public static RequestTimingUncertainty requestTimingUncertainty(Histogram nanos, long requestsWithout) {
        boolean empty = nanos.getTotalCount() == 0;
        return new RequestTimingUncertainty(nanos.getTotalCount(), requestsWithout,
                empty ? Double.NaN : nanosToMs(nanos.getValueAtPercentile(50)), empty ? Double.NaN : nanosToMs(nanos.getValueAtPercentile(99)),
                empty ? Double.NaN : nanosToMs(nanos.getMaxValue()));
    }

    /** P99 of a nanosecond histogram in ms; NaN when empty. */
    public static double p99Ms(Histogram h) {
        return h.getTotalCount() == 0 ? Double.NaN : nanosToMs(h.getValueAtPercentile(99));
    }

    /** P50/P90/P95/P99/P99.9/max and mean of a nanosecond histogram, in ms; NaN when empty. */
    public static Percentiles percentiles(Histogram h) {
        if (h.getTotalCount() == 0) {
            double nan = Double.NaN;
            return new Percentiles(0, nan, nan, nan, nan, nan, nan, nan);
        }
        return new Percentiles(h.getTotalCount(), nanosToMs(h.getMean()),
                nanosToMs(h.getValueAtPercentile(50)), nanosToMs(h.getValueAtPercentile(90)),
                nanosToMs(h.getValueAtPercentile(95)), nanosToMs(h.getValueAtPercentile(99)),
                nanosToMs(h.getValueAtPercentile(99.9)), nanosToMs(h.getMaxValue()));
    }

    /** The value at each of {@code percentiles} (0 to 100) of a nanosecond histogram, in ms, in that order; NaN when empty. */
    public static double[] percentilesMs(Histogram h, List<Double> percentiles) {
        return percentiles.stream().mapToDouble(p -> h.getTotalCount() == 0 ? Double.NaN : nanosToMs(h.getValueAtPercentile(p))).toArray();
    }

    /**
     * The chosen percentiles of every metric's step histogram, in ms, keyed by {@link ChosenPercentiles#label} in ascending
     * order (NaN for an empty histogram): the same histograms as {@link #percentiles}, so the two agree wherever both give
     * a percentile.
     */
    public static Map<Metric, Map<String, Double>> chosenPercentilesMs(Map<Metric, Histogram> histograms, ChosenPercentiles chosen) {
        EnumMap<Metric, Map<String, Double>> out = new EnumMap<>(Metric.class);
        histograms.forEach((m, h) -> {
            double[] values = percentilesMs(h, chosen.values());
            Map<String, Double> byLabel = new LinkedHashMap<>();
            for (int i = 0; i < values.length; i++) byLabel.put(ChosenPercentiles.label(chosen.values().get(i)), values[i]);
            out.put(m, Collections.unmodifiableMap(byLabel));
        });
        return Collections.unmodifiableMap(out);
    }

    /** An unmodifiable copy iterating in {@link Metric} order, each value's own order kept (as summary.json writes them). */
    static <V> Map<Metric, V> inMetricOrder(Map<Metric, V> byMetric) {
        return byMetric.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(byMetric));
    }

    /**
     * Saturation point: the lowest load whose output tokens/s reaches {@code saturationFraction} of the
     * sweep's peak. Null when that is only the last step (throughput was still growing) or the sweep
     * produced no throughput.
     */
    public static Double saturationLoad(List<SweepPoint> sweep, CollapseCriteria c) {
        List<SweepPoint> s = sorted(sweep);
        double peak = s.stream().mapToDouble(SweepPoint::outputTokensPerSecond).filter(Double::isFinite).max().orElse(Double.NaN);
        if (!(peak > 0)) return null;
        for (int i = 0; i < s.size(); i++) {
            if (s.get(i).outputTokensPerSecond() >= c.saturationFraction() * peak) {
                return i == s.size() - 1 ? null : s.get(i).load();
            }
        }
        return null;
    }

    /** The largest load such that it and every lower load met the SLOs; null when the lowest did not. */
    public static Double largestLoadMeetingSlos(List<SweepPoint> sweep) {
        Double best = null;
        for (SweepPoint p : sorted(sweep)) {
            if (!p.meetsSlos()) break;
            best = p.load();
        }
        return best;
    }

    /**
     * Collapse point: the lowest load (after the first) at which P99 E2E grew by more than
     * {@code latencyGrowthFactor} times the load ratio since the previous step, or output tokens/s fell
     * more than {@code throughputDrop} below the best of all lower loads, or the error rate exceeded
     * {@code maxErrorRate} and the previous step's. Returns the load and reasons, or null load and no reasons.
     */
    public static SweepAnalysis analyzeSweep(String target, List<SweepPoint> sweep, CollapseCriteria c, boolean slosGiven) {
        List<SweepPoint> s = sorted(sweep);
        Double collapse = null;
        List<String> reasons = new ArrayList<>();
        double bestThroughput = s.isEmpty() ? Double.NaN : s.get(0).outputTokensPerSecond();
        for (int i = 1; i < s.size() && collapse == null; i++) {
            SweepPoint prev = s.get(i - 1);
            SweepPoint cur = s.get(i);
            double loadRatio = cur.load() / prev.load();
            double latencyRatio = cur.e2eP99Ms() / prev.e2eP99Ms();
            if (prev.e2eP99Ms() > 0 && Double.isFinite(latencyRatio) && latencyRatio > c.latencyGrowthFactor() * loadRatio) {
                reasons.add(String.format(Locale.ROOT, "tail latency exploded: P99 E2E x%.2f for load x%.2f", latencyRatio, loadRatio));
            }
            if (bestThroughput > 0 && cur.outputTokensPerSecond() < (1 - c.throughputDrop()) * bestThroughput) {
                reasons.add(String.format(Locale.ROOT, "throughput fell: %.1f tok/s vs %.1f at a lower load",
                        cur.outputTokensPerSecond(), bestThroughput));
            }
            if (cur.errorRate() > c.maxErrorRate() && !(cur.errorRate() <= prev.errorRate())) {
                reasons.add(String.format(Locale.ROOT, "errors rose: %.1f%% of requests failed", cur.errorRate() * 100));
            }
            if (!reasons.isEmpty()) collapse = cur.load();
            if (Double.isFinite(cur.outputTokensPerSecond())) bestThroughput = Math.max(bestThroughput, cur.outputTokensPerSecond());
        }
        return new SweepAnalysis(target, saturationLoad(s, c), slosGiven, slosGiven ? largestLoadMeetingSlos(s) : null, collapse, reasons);
    }

    private static List<SweepPoint> sorted(List<SweepPoint> sweep) {
        return sweep.stream().sorted(Comparator.comparingDouble(SweepPoint::load)).toList();
    }
}
