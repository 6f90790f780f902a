package io.hybench.bench.metrics;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.TimeUnit;

/**
 * The fixed range of a histogram of durations in nanoseconds, so it never resizes while a step records: an
 * auto-resizing HdrHistogram grows by throwing and catching {@code ArrayIndexOutOfBoundsException} and copying its
 * counts. The lowest value (1 ns) and the precision are an auto-resizing histogram's, so every value in range falls
 * in the same bucket and reads back the same; a higher top costs one 8 kB bucket per doubling.
 *
 * @param highestNanos the longest duration kept apart; a longer one is kept as this long
 */
public record DurationRange(long highestNanos) {
    /** Gaps between one request's tokens: far beyond any idle timeout a run would set. */
    public static final DurationRange HOUR = new DurationRange(TimeUnit.HOURS.toNanos(1));
    /** Durations from an intended send, which grow with the step while the client falls behind: longer than any step. */
    public static final DurationRange DAY = new DurationRange(TimeUnit.DAYS.toNanos(1));

    public DurationRange {
        if (highestNanos < 2) throw new IllegalArgumentException("highestNanos must be >= 2, was " + highestNanos);
    }

    /** An empty histogram over this range, of the precision every step records with. */
    public Histogram newHistogram() {
        return new Histogram(highestNanos, StepRecorders.SIGNIFICANT_DIGITS);
    }

    /** A wait-free interval recorder over this range; its interval histograms never resize. */
    public Recorder newRecorder() {
        return new Recorder(highestNanos, StepRecorders.SIGNIFICANT_DIGITS);
    }

    /** {@code nanos} as a histogram over this range keeps it: negative (only a misbehaving clock) as 0, beyond the range as its top. */
    public long clamp(long nanos) {
        return Math.min(highestNanos, Math.max(0, nanos));
    }
}
