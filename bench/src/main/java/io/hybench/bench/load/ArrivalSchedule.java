package io.hybench.bench.load;

import org.apache.commons.math3.distribution.GammaDistribution;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Open-loop arrival times, computed before the first request is sent, as absolute run-relative
 * nanoseconds. Times come from the arrival process alone, never from a clock reading, so a late send
 * cannot push later arrivals back (no pacing drift). Constant arrivals are {@code start + round(i/rate)},
 * computed per index so rounding does not accumulate; Poisson arrivals add exponential gaps of mean
 * 1/rate in double precision (Hyperfoil's {@code PoissonConstantRateGenerator}); gamma arrivals add gaps of
 * shape k and scale 1/(rate k), mean 1/rate, as {@code vllm bench serve --burstiness k} draws them (sampled by
 * inversion of Commons Math's gamma distribution, so one uniform draw per gap).
 */
public final class ArrivalSchedule {
    private static final double NANOS_PER_SECOND = 1e9;

    private ArrivalSchedule() {
    }

    /** Arrivals from {@code startNanos} (inclusive) up to {@code endNanos} (exclusive). */
    public static long[] until(LoadSpec.Arrival arrival, double ratePerSecond, long startNanos, long endNanos, RandomGenerator random) {
        return forStep(arrival, 1, ratePerSecond, startNanos, startNanos, endNanos - startNanos, null, random);
    }

    /** Exactly {@code count} arrivals starting at {@code startNanos}. */
    public static long[] count(LoadSpec.Arrival arrival, double ratePerSecond, long startNanos, int count, RandomGenerator random) {
        return forStep(arrival, 1, ratePerSecond, startNanos, startNanos, null, count, random);
    }

    /**
     * The arrivals of one open-loop step: those in {@code [start, warmupEnd)} are warm-up; then either
     * arrivals up to {@code warmupEnd + measuredNanos} (exclusive) or {@code measuredCount} more, from one
     * uninterrupted arrival process. {@code burstiness} is the gamma shape (ignored by the other processes).
     */
    public static long[] forStep(LoadSpec.Arrival arrival, double burstiness, double ratePerSecond, long startNanos, long warmupEndNanos,
                                 Long measuredNanos, Integer measuredCount, RandomGenerator random) {
        if (!(ratePerSecond > 0) || !Double.isFinite(ratePerSecond)) throw new IllegalArgumentException("rate must be > 0, was " + ratePerSecond);
        if ((measuredNanos == null) == (measuredCount == null)) throw new IllegalArgumentException("give exactly one of measuredNanos and measuredCount");
        if (measuredCount != null && measuredCount < 0) throw new IllegalArgumentException("measuredCount must be >= 0");
        double periodNanos = NANOS_PER_SECOND / ratePerSecond;
        long[] out = new long[16];
        int n = 0;
        int measured = 0;
        GammaDistribution gamma = arrival == LoadSpec.Arrival.GAMMA ? new GammaDistribution(null, burstiness, periodNanos / burstiness) : null;
        double randomOffsetNanos = 0;
        while (true) {
            double offset = arrival == LoadSpec.Arrival.CONSTANT ? n * periodNanos : randomOffsetNanos;
            long t = startNanos + Math.round(offset);
            if (measuredNanos != null && t >= warmupEndNanos + measuredNanos) break;
            if (measuredCount != null && measured == measuredCount) break;
            if (t >= warmupEndNanos) measured++;
            if (n == out.length) out = Arrays.copyOf(out, n * 2);
            out[n++] = t;
            switch (arrival) {
                case POISSON -> randomOffsetNanos += periodNanos * random.nextExponential();
                case GAMMA -> randomOffsetNanos += gamma.inverseCumulativeProbability(random.nextDouble());
                case CONSTANT -> { }
            }
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * {@link #forStep} after a linear ramp: over {@code [start, start + ramp)} the rate rises from 0 to {@code ratePerSecond}
     * (the cumulative arrivals Λ(t) = rate t²/(2 ramp)), then stays. The arrival process runs on its own clock s and
     * each arrival moves to t = sqrt(2 ramp s) while s < ramp/2, else s + ramp/2 (a time change: Poisson arrivals
     * stay Poisson, of the rising rate). The warm-up and measured window lie after the ramp, so they keep their length.
     */
    public static long[] rampedStep(LoadSpec.Arrival arrival, double burstiness, double ratePerSecond, long startNanos, long rampNanos,
                                    long warmupEndNanos, Long measuredNanos, Integer measuredCount, RandomGenerator random) {
        if (rampNanos < 0 || warmupEndNanos - startNanos < rampNanos) throw new IllegalArgumentException("the ramp must end by the warm-up's end");
        long[] t = forStep(arrival, burstiness, ratePerSecond, startNanos, warmupEndNanos - rampNanos / 2, measuredNanos, measuredCount, random);
        if (rampNanos == 0) return t;
        for (int i = 0; i < t.length; i++) {
            double s = t[i] - startNanos;
            t[i] = startNanos + (s < rampNanos / 2.0 ? Math.round(Math.sqrt(2.0 * rampNanos * s)) : Math.round(s + rampNanos / 2.0));
        }
        return t;
    }

    /**
     * A trace's arrivals for one step: {@code start + round(offset_i * stretch)}, each from its own offset so rounding
     * does not accumulate; warm-up and the measured part (by time or count) are cut as {@link #forStep} cuts them,
     * and the step ends early where the trace does.
     *
     * @param offsetsNanos the trace's arrival offsets, ascending
     * @param stretch      time scale over rate factor
     */
    public static long[] ofTrace(long[] offsetsNanos, double stretch, long startNanos, long warmupEndNanos, Long measuredNanos,
                                 Integer measuredCount) {
        if (!(stretch > 0) || !Double.isFinite(stretch)) throw new IllegalArgumentException("stretch must be > 0, was " + stretch);
        if ((measuredNanos == null) == (measuredCount == null)) throw new IllegalArgumentException("give exactly one of measuredNanos and measuredCount");
        long[] out = new long[offsetsNanos.length];
        int n = 0;
        int measured = 0;
        for (long offset : offsetsNanos) {
            long t = startNanos + Math.round(offset * stretch);
            if (measuredNanos != null && t >= warmupEndNanos + measuredNanos) break;
            if (measuredCount != null && measured == measuredCount) break;
            if (t >= warmupEndNanos) measured++;
            out[n++] = t;
        }
        return Arrays.copyOf(out, n);
    }
}
