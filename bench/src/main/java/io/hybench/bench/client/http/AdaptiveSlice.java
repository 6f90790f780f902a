package io.hybench.bench.client.http;

import java.util.concurrent.TimeUnit;

/**
 * Whether an I/O loop should hold the short scheduler slice ({@link io.hybench.core.os.SchedulerSlice}), judged by its
 * own busy share: over a window of at least {@value #WINDOW_MS} ms, the time it spent outside its readiness wait
 * (handling sockets, running tasks, preempted) over the window's length, averaged exponentially over about the last
 * {@value #SMOOTHING_MS} ms. The short slice pays where the loop mostly waits: a wake-up then preempts the thread on its
 * core instead of waiting out that one's slice. Where it is mostly busy there are few wake-ups to gain, and the short
 * slice has its busy spells preempted every 100 µs by the threads it shares a core with (device, 1,000 streams on one
 * core: stamping error P99 23.6–25.8 ms with it, 6.3–15.1 without; docs/performance.md, "Short scheduler slices").
 * Pure: fed the loop's own clock readings, it says what to do and the loop does it. Fed on the loop's thread only.
 */
final class AdaptiveSlice {
    /** {@code -Dhybench.adaptiveSlice=false} keeps the short slice whatever the loop's busy share (for comparisons). */
    static final String PROPERTY = "hybench.adaptiveSlice";
    static final long WINDOW_MS = 100;
    private static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(WINDOW_MS);
    /*
     * One window's share is too noisy to act on: on the 2-core VM at 1,000 streams (client on one core) shares of
     * successive 100 ms windows swung by ±30 points (0–99%), crossing any useful band several times a second. A window
     * of length w moves the average by w / 400 ms of its distance (a quarter for 100 ms, all of it from 400 ms on):
     * a share alternating window by window reaches the average shrunk to a seventh ((1/4) / (2 − 1/4)), and a change
     * of load from one side of the band to the other shows within 0.1–0.4 s, short against a step.
     */
    static final long SMOOTHING_MS = 400;
    private static final double SMOOTHING_NANOS = TimeUnit.MILLISECONDS.toNanos(SMOOTHING_MS);
    /*
     * An arrival finds the loop busy about as often as the loop is busy: the short slice helps the arrivals that find it
     * waiting and costs those that find it busy, so the two weigh even near half. The band between, 20 points wide, keeps
     * a loop near the middle where it is, and absorbs the switch's own effect on the share (a short slice stretches busy
     * spells by the preemptions it lets in; the default one lets a woken loop wait for its CPU inside the readiness
     * wait), so that the average, still noisy by several points at steady load, does not flip it back and forth.
     */
    static final double DROP_ABOVE = 0.60;
    static final double RETAKE_BELOW = 0.40;

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
    /** Starts in the middle of the band: neither change until the windows say so. */
    private double averageBusyShare = (DROP_ABOVE + RETAKE_BELOW) / 2;
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
     * ms or more and adds its share to the average: above 60% a short slice is dropped, below 40% it is taken again, in
     * between the slice stays. Deciding just before the wait puts the slice in place for the wake-up it serves, and never
     * between a wake-up and the batch it stamps; at most one change per window.
     */
    Change beforeWait(long nowNanos) {
        long window = nowNanos - windowStartNanos;
        if (window < WINDOW_NANOS) return Change.OPEN;
        long busy = Math.max(0, window - waitedNanos);
        lastWindowNanos = window;
        lastBusyNanos = busy;
        windowStartNanos = nowNanos;
        waitedNanos = 0;
        double share = (double) busy / window;
        double weight = window / SMOOTHING_NANOS;
        averageBusyShare = weight >= 1 ? share : averageBusyShare + weight * (share - averageBusyShare);
        if (shortSlice && averageBusyShare > DROP_ABOVE) {
            shortSlice = false;
            return Change.RESET;
        }
        if (!shortSlice && averageBusyShare < RETAKE_BELOW) {
            shortSlice = true;
            return Change.SHORTEN;
        }
        return Change.KEEP;
    }

    /** The busy share the rule goes by: the windows' shares, averaged. */
    double averageBusyShare() {
        return averageBusyShare;
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
