package io.hybench.bench.metrics;

/**
 * Requests in flight as the harness sees them, with the exact time integral of the count, so the
 * mean over a window is area / length rather than an estimate from samples. Feeds Little's-law check.
 */
public final class InFlightGauge {
    private int current;
    private long lastChangeNanos;
    private final long windowStartNanos;
    private double areaNanos;

    /** Starts integrating at {@code windowStartNanos}; earlier changes count for the current level only. */
    public InFlightGauge(long windowStartNanos) {
        this.windowStartNanos = windowStartNanos;
        this.lastChangeNanos = windowStartNanos;
    }

    public synchronized void enter(long nowNanos) {
        advance(nowNanos);
        current++;
    }

    public synchronized void exit(long nowNanos) {
        advance(nowNanos);
        current--;
    }

    /** The time integral of the in-flight count from the window start to {@code endNanos} (count x ns). */
    public synchronized double areaUntil(long endNanos) {
        advance(endNanos);
        return areaNanos;
    }

    private void advance(long nowNanos) {
        long from = Math.max(lastChangeNanos, windowStartNanos);
        if (nowNanos > from) areaNanos += (double) current * (nowNanos - from);
        lastChangeNanos = Math.max(lastChangeNanos, nowNanos);
    }
}
