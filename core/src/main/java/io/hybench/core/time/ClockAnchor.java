package io.hybench.core.time;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Where a process's monotonic clock stands, so the times two processes wrote (a result folder, the
 * emulator's truth file) can be put on one time line. Files hold times relative to {@code originNanoTime}
 * ({@link System#nanoTime()} at the process's or run's start). On Linux every process of one boot reads the
 * same CLOCK_MONOTONIC, so same {@code bootId} means the times compare to the nanosecond; otherwise the
 * wall-clock anchor (a {@link System#nanoTime()} reading taken with {@link Instant#now()}) links them,
 * as precisely as the two wall clocks agree.
 *
 * @param clock            what the times are ({@code System.nanoTime}, CLOCK_MONOTONIC on Linux)
 * @param originNanoTime   the nanoTime the file's times count from
 * @param anchorNanoTime   a nanoTime reading, and
 * @param anchorEpochNanos the wall clock (ns since 1970, UTC) read at the same moment
 * @param anchorSpanNanos  how long the two readings took: the anchor's own uncertainty
 * @param bootId           the kernel's boot id (/proc/sys/kernel/random/boot_id), null where there is none
 */
public record ClockAnchor(String clock, long originNanoTime, long anchorNanoTime, long anchorEpochNanos, long anchorSpanNanos,
                          String bootId) {
    public static final String CLOCK = "System.nanoTime";
    private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");

    /** The anchor of a clock whose zero is {@code originNanoTime}, read now. */
    public static ClockAnchor capture(long originNanoTime) {
        long before = System.nanoTime();
        Instant wall = Instant.now();
        long after = System.nanoTime();
        return new ClockAnchor(CLOCK, originNanoTime, before + (after - before) / 2,
                wall.getEpochSecond() * 1_000_000_000L + wall.getNano(), after - before, readBootId());
    }

    private static String readBootId() {
        try {
            return Files.isReadable(BOOT_ID) ? Files.readString(BOOT_ID).strip() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether this clock and {@code other} are the same monotonic clock (one boot of one machine). */
    public boolean sameClockAs(ClockAnchor other) {
        return bootId != null && bootId.equals(other.bootId);
    }

    /** A time of this file (relative to its origin) as a time of {@code other}'s file (relative to its origin). */
    public long toTimeOf(ClockAnchor other, long nanos) {
        long nanoTime = originNanoTime + nanos;
        if (!sameClockAs(other)) {
            long epoch = anchorEpochNanos + (nanoTime - anchorNanoTime);
            nanoTime = other.anchorNanoTime + (epoch - other.anchorEpochNanos);
        }
        return nanoTime - other.originNanoTime;
    }
}
