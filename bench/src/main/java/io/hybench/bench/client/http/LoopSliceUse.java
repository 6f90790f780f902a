package io.hybench.bench.client.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How the client's I/O loops used their scheduler slice, summed over the loops of the process (docs/metrics.md, "I/O
 * loop busy share and slice"): counted at the end of each loop's {@link AdaptiveSlice} window (a few times a second per
 * loop), so a reading is as fine as those windows.
 */
public final class LoopSliceUse {
    private static final AtomicLong WINDOW_NANOS = new AtomicLong();
    private static final AtomicLong BUSY_NANOS = new AtomicLong();
    private static final AtomicLong SHORT_NANOS = new AtomicLong();
    private static final AtomicLong SWITCHES = new AtomicLong();

    private LoopSliceUse() {
    }

    /** A loop's window of {@code windowNanos} ended, busy {@code busyNanos} of it, {@code shortSlice} all along; then it switched or not. */
    static void windowEnded(long windowNanos, long busyNanos, boolean shortSlice, boolean switched) {
        WINDOW_NANOS.addAndGet(windowNanos);
        BUSY_NANOS.addAndGet(busyNanos);
        if (shortSlice) SHORT_NANOS.addAndGet(windowNanos);
        if (switched) SWITCHES.incrementAndGet();
    }

    /** The totals so far; two of them, {@link Totals#minus subtracted}, give what happened in between. */
    public static Totals totals() {
        return new Totals(WINDOW_NANOS.get(), BUSY_NANOS.get(), SHORT_NANOS.get(), SWITCHES.get());
    }

    /**
     * Loop time over ended windows, summed over the loops.
     *
     * @param windowNanos all of it
     * @param busyNanos   of which outside the readiness wait
     * @param shortNanos  of which with the short slice
     * @param switches    slice changes (to the short slice or back)
     */
    public record Totals(long windowNanos, long busyNanos, long shortNanos, long switches) {
        public Totals minus(Totals earlier) {
            return new Totals(windowNanos - earlier.windowNanos, busyNanos - earlier.busyNanos, shortNanos - earlier.shortNanos,
                    switches - earlier.switches);
        }

        /** The loops' busy share; NaN when no window ended. */
        public double busyShare() {
            return windowNanos == 0 ? Double.NaN : (double) busyNanos / windowNanos;
        }

        /** The share of the loops' time with the short slice; NaN when no window ended. */
        public double shortShare() {
            return windowNanos == 0 ? Double.NaN : (double) shortNanos / windowNanos;
        }
    }
}
