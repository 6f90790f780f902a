package io.hybench.bench.load;

import io.hybench.bench.client.RunClock;
import io.hybench.bench.client.http.StampingDelay;
import io.hybench.bench.metrics.Metrics;
import io.hybench.bench.metrics.StepStats;
import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * How late a harness thread gets the CPU (jHiccup's idea): a platform thread that asks to wake at
 * absolute ticks and records how late each wake-up was. GC pauses and a machine too busy to run the
 * harness delay every stamp the clients take by as much, and neither shows in CPU use or schedule lag.
 * At the warm-up's end it also opens the window over the client I/O threads' own stamping delays.
 */
final class HiccupMeter {
    private static final long PERIOD_NANOS = 5_000_000L;
    /** The longest lateness kept apart; a longer stall counts as this long (a fixed range: no resizing mid-run). */
    static final long HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(10);

    private final RunClock clock;
    private final long fromNanos;
    private final Histogram lateness = new Histogram(HIGHEST_NANOS, 3);
    private final Thread thread;
    private volatile StampingDelay.Window stamping;
    private volatile boolean stopped;

    /** Starts measuring; wake-ups due before {@code fromNanos} (the warm-up) are not recorded. */
    HiccupMeter(RunClock clock, long fromNanos) {
        this.clock = clock;
        this.fromNanos = fromNanos;
        this.thread = Thread.ofPlatform().daemon().name("hybench-hiccup").start(this::run);
    }

    private void run() {
        long due = clock.nanos() + PERIOD_NANOS;
        while (!stopped) {
            for (long wait; (wait = due - clock.nanos()) > 0 && !stopped; ) LockSupport.parkNanos(wait);
            long late = clock.nanos() - due;
            if (stamping == null && clock.nanos() >= fromNanos) stamping = StampingDelay.open();
            if (due >= fromNanos) {
                synchronized (lateness) {
                    record(lateness, late);
                }
            }
            // after a long stall, the next tick is the first one still ahead: a stall is one late wake-up, not many
            due += PERIOD_NANOS * (1 + Math.max(0, late) / PERIOD_NANOS);
        }
    }

    /** Records {@code lateNanos} clamped into {@code h}'s range: a clock step back as 0, a stall beyond the range as its top. */
    static void record(Histogram h, long lateNanos) {
        h.recordValue(Math.min(HIGHEST_NANOS, Math.max(0, lateNanos)));
    }

    /** Stops the thread; returns the P99 wake-up lateness in ms (NaN when nothing was recorded) and the stamping delays. */
    Reading stop() {
        stopped = true;
        LockSupport.unpark(thread);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        StampingDelay.Window w = stamping;
        synchronized (lateness) {
            return new Reading(Metrics.percentiles(lateness).p99Ms(), w == null ? null : w.read());
        }
    }

    /** @param stamping the client I/O threads' stamping delays after the warm-up, null when the step ended before it */
    record Reading(double hiccupP99Ms, StampingDelay.Reading stamping) {
        /** The P99s the self-checks judge, as the step's statistics keep them. */
        StepStats.Lateness toStats() {
            return new StepStats.Lateness(hiccupP99Ms,
                    stamping == null ? Double.NaN : Metrics.percentiles(stamping.inBatch()).p99Ms(),
                    stamping == null ? Double.NaN : Metrics.percentiles(stamping.loopLag()).p99Ms());
        }
    }
}
