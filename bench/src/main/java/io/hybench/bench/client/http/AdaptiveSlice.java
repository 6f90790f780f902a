package io.hybench.bench.client.http;

import java.util.concurrent.TimeUnit;

/**
 * Whether an I/O loop should hold the short scheduler slice ({@link io.hybench.core.os.SchedulerSlice}), judged by its
 * own busy share: over a window of at least {@value #WINDOW_MS} ms, the time it spent outside its readiness wait
 * (handling sockets, running tasks, preempted) over the window's length. The short slice pays where the loop mostly
 * waits: a wake-up then preempts the thread on its core instead of waiting out that one's slice. Where it is mostly
 * busy there are few wake-ups to gain, and the short slice has its busy spells preempted every 100 µs by the threads
 * it shares a core with (1,000 streams on one core: stamping error P99 23.6–25.8 ms with it, 6.3–15.1 without;
 * docs/performance.md, "Short scheduler slices"). Pure: fed the loop's own clock readings, it says what to do and the
 * loop does it. Read and fed on the loop's thread only.
 */
final class AdaptiveSlice {
    /** {@code -Dhybench.adaptiveSlice=false} keeps the short slice whatever the loop's busy share (for comparisons). */
    static final String PROPERTY = "hybench.adaptiveSlice";
    static final long WINDOW_MS = 100;
    private static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(WINDOW_MS);
    /*
     * An arrival finds the loop busy about as often as the loop is busy: the short slice helps the arrivals that find it
     * waiting and costs those that find it busy, so the two weigh even near half. The band of 20 points either side keeps
     * a loop near the middle where it is, and absorbs the switch's own effect on the share (a short slice stretches busy
     * spells by the preemptions it lets in; the default one lets a woken loop wait for its CPU inside the readiness
     * wait), so that a window's share, noisy by a few points at steady load, does not flip it back and forth.
     */
    static final int DROP_ABOVE_PERCENT = 60;
    static final int RETAKE_BELOW_PERCENT = 40;

    /** What a window's end asks of the loop. */
    enum Change {
        /** The window is not over yet. */
        OPEN,
        /** The window is over; the slice stays as it is. */
        KEEP,
        /** The window is over and the loop mostly waited: take the short slice. */
        SHORTEN,
        /** The window is over and the loop was mostly busy: back to the kernel's default slice. */
        RESET
    }

    private boolean shortSlice;
    private long windowStartNanos;
    private long waitedNanos;
    private long lastWindowNanos;
    private long lastBusyNanos;

    /** A loop that holds the short slice ({@code shortSlice}) from {@code startNanos} on ({@link System#nanoTime()}). */
    AdaptiveSlice(long startNanos, boolean shortSlice) {
        this.windowStartNanos = startNanos;
        this.shortSlice = shortSlice;
    }

    /** The loop's readiness wait that began at or after the last {@link #beforeWait} lasted {@code nanos}. */
    void waited(long nanos) {
        waitedNanos += Math.max(0, nanos);
    }

    /**
     * The loop is about to wait for readiness at {@code nowNanos}. Ends the window when it has lasted {@value #WINDOW_MS}
     * ms or more: above {@value #DROP_ABOVE_PERCENT}% busy a short slice is dropped, below {@value #RETAKE_BELOW_PERCENT}%
     * it is taken again, in between the slice stays. Deciding just before the wait puts the slice in place for the
     * wake-up it serves, and never between a wake-up and the batch it stamps; at most one change per window.
     */
    Change beforeWait(long nowNanos) {
        long window = nowNanos - windowStartNanos;
        if (window < WINDOW_NANOS) return Change.OPEN;
        long busy = Math.max(0, window - waitedNanos);
        lastWindowNanos = window;
        lastBusyNanos = busy;
        windowStartNanos = nowNanos;
        waitedNanos = 0;
        if (shortSlice && busy * 100 > DROP_ABOVE_PERCENT * window) {
            shortSlice = false;
            return Change.RESET;
        }
        if (!shortSlice && busy * 100 < RETAKE_BELOW_PERCENT * window) {
            shortSlice = true;
            return Change.SHORTEN;
        }
        return Change.KEEP;
    }

    /** Whether the rule has the loop hold the short slice now. */
    boolean shortSlice() {
        return shortSlice;
    }

    /** The length of the window that ended last. */
    long lastWindowNanos() {
        return lastWindowNanos;
    }

    /** The loop's time outside its readiness wait in the window that ended last. */
    long lastBusyNanos() {
        return lastBusyNanos;
    }
}
