package io.hybench.core.os;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Puts wall-clock nanoseconds (CLOCK_REALTIME, the clock of the kernel's receive stamps: {@link ReceiveTimestamps})
 * on {@link System#nanoTime()}'s clock (CLOCK_MONOTONIC on Linux). The two advance at the same rate, both steered by
 * NTP alike; only a step of the wall clock moves their difference, so it is measured again every
 * {@value #REFRESH_MS} ms: the best of three readings taken between two {@code nanoTime} calls.
 */
public final class WallToNanoTime {
    static final long REFRESH_MS = 100;
    private static final long REFRESH_NANOS = TimeUnit.MILLISECONDS.toNanos(REFRESH_MS);
    private static volatile long offsetNanos; // wall clock minus nanoTime
    private static volatile long measuredAt;

    static {
        measure(System.nanoTime());
    }

    private WallToNanoTime() {
    }

    /** {@code wallNanos} (nanoseconds since the epoch) as a {@link System#nanoTime()} reading. */
    public static long nanoTime(long wallNanos) {
        long now = System.nanoTime();
        if (now - measuredAt > REFRESH_NANOS) measure(now);
        return wallNanos - offsetNanos;
    }

    private static void measure(long now) {
        long narrowest = Long.MAX_VALUE;
        long offset = 0;
        for (int i = 0; i < 3; i++) {
            long before = System.nanoTime();
            Instant wall = Instant.now();
            long after = System.nanoTime();
            if (after - before < narrowest) {
                narrowest = after - before;
                offset = wall.getEpochSecond() * 1_000_000_000L + wall.getNano() - (before + (after - before) / 2);
            }
        }
        offsetNanos = offset;
        measuredAt = now;
    }
}
