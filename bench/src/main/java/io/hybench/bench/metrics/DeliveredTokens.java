package io.hybench.bench.metrics;

import io.hybench.bench.client.RequestRecord;

import java.util.Arrays;

/**
 * Output tokens of one step by the time their chunks arrived ({@link Metrics#forEachDeliveredToken}), in
 * 10 ms bins from the end of the warm-up. Fed with every successful request of the step, warm-up ones too:
 * what a warm-up request streams after the warm-up is output the server delivered under the step's load.
 */
public final class DeliveredTokens {
    static final long BIN_NANOS = 10_000_000L;
    private static final int BINS_PER_SECOND = (int) (1_000_000_000L / BIN_NANOS);

    private final long originNanos;
    private double[] bins = new double[1024];

    /** @param originNanos run-relative start of the bins: the end of the warm-up */
    public DeliveredTokens(long originNanos) {
        this.originNanos = originNanos;
    }

    public synchronized void add(RequestRecord r) {
        Metrics.forEachDeliveredToken(r, (atNanos, tokens) -> {
            if (atNanos < originNanos) return;
            long bin = (atNanos - originNanos) / BIN_NANOS;
            if (bin >= Integer.MAX_VALUE) return;
            if (bin >= bins.length) bins = Arrays.copyOf(bins, (int) Math.max(bin + 1, bins.length * 2L));
            bins[(int) bin] += tokens;
        });
    }

    /**
     * Tokens delivered from the origin until {@code endNanos}, rounded down to whole bins so tokens and
     * window length cover exactly the same time.
     *
     * @param windowNanos    the whole-bin window length (0 when {@code endNanos} is less than one bin past the origin)
     * @param tokens         tokens delivered in it
     * @param perWholeSecond tokens per whole second of it (a trailing part second is left out)
     */
    public record Window(long windowNanos, double tokens, double[] perWholeSecond) {
    }

    public synchronized Window until(long endNanos) {
        int n = (int) Math.min(Math.max(0, (endNanos - originNanos) / BIN_NANOS), Integer.MAX_VALUE - 1);
        double total = 0;
        double[] seconds = new double[n / BINS_PER_SECOND];
        for (int i = 0; i < n && i < bins.length; i++) {
            total += bins[i];
            if (i / BINS_PER_SECOND < seconds.length) seconds[i / BINS_PER_SECOND] += bins[i];
        }
        return new Window(n * BIN_NANOS, total, seconds);
    }
}
