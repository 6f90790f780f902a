package io.hybench.bench.load;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Open-loop arrival times, computed before the first request is sent, as absolute run-relative
 * nanoseconds. Each time is {@code start + (sum of gaps)}, accumulated in double precision and never
 * from a clock reading, so a late send cannot push later arrivals back (no pacing drift).
 */
public final class ArrivalSchedule {
    private static final double NANOS_PER_SECOND = 1e9;

    private ArrivalSchedule() {
    }

    /**
     * Arrivals from {@code startNanos} (inclusive) up to {@code endNanos} (exclusive).
     * Constant: the i-th arrival is at {@code start + i/rate}. Poisson: exponential gaps of mean 1/rate.
     */
    public static long[] until(LoadSpec.Arrival arrival, double ratePerSecond, long startNanos, long endNanos, RandomGenerator random) {
        checkRate(ratePerSecond);
        long[] out = new long[16];
        int n = 0;
        double offsetNanos = 0;
        while (true) {
            long t = startNanos + Math.round(offsetNanos);
            if (t >= endNanos) break;
            if (n == out.length) out = Arrays.copyOf(out, n * 2);
            out[n++] = t;
            offsetNanos += gapNanos(arrival, ratePerSecond, random);
        }
        return Arrays.copyOf(out, n);
    }

    /** Exactly {@code count} arrivals starting at {@code startNanos}. */
    public static long[] count(LoadSpec.Arrival arrival, double ratePerSecond, long startNanos, int count, RandomGenerator random) {
        checkRate(ratePerSecond);
        if (count < 0) throw new IllegalArgumentException("count must be >= 0");
        long[] out = new long[count];
        double offsetNanos = 0;
        for (int i = 0; i < count; i++) {
            out[i] = startNanos + Math.round(offsetNanos);
            offsetNanos += gapNanos(arrival, ratePerSecond, random);
        }
        return out;
    }

    /**
     * The arrivals of one open-loop step: those in {@code [start, warmupEnd)} are warm-up; then either
     * arrivals up to {@code warmupEnd + measuredNanos} or {@code measuredCount} more, from one
     * uninterrupted arrival process.
     */
    public static long[] forStep(LoadSpec.Arrival arrival, double ratePerSecond, long startNanos, long warmupEndNanos,
                                 Long measuredNanos, Integer measuredCount, RandomGenerator random) {
        checkRate(ratePerSecond);
        if ((measuredNanos == null) == (measuredCount == null)) throw new IllegalArgumentException("give exactly one of measuredNanos and measuredCount");
        long[] out = new long[16];
        int n = 0;
        int measured = 0;
        double offsetNanos = 0;
        while (true) {
            long t = startNanos + Math.round(offsetNanos);
            if (measuredNanos != null && t >= warmupEndNanos + measuredNanos) break;
            if (measuredCount != null && measured == measuredCount) break;
            if (t >= warmupEndNanos) measured++;
            if (n == out.length) out = Arrays.copyOf(out, n * 2);
            out[n++] = t;
            offsetNanos += gapNanos(arrival, ratePerSecond, random);
        }
        return Arrays.copyOf(out, n);
    }

    private static double gapNanos(LoadSpec.Arrival arrival, double ratePerSecond, RandomGenerator random) {
        return switch (arrival) {
            case CONSTANT -> NANOS_PER_SECOND / ratePerSecond;
            case POISSON -> NANOS_PER_SECOND * random.nextExponential() / ratePerSecond;
        };
    }

    private static void checkRate(double ratePerSecond) {
        if (!(ratePerSecond > 0) || !Double.isFinite(ratePerSecond)) throw new IllegalArgumentException("rate must be > 0, was " + ratePerSecond);
    }
}
