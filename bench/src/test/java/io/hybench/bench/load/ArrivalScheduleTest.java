package io.hybench.bench.load;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArrivalScheduleTest {
    private static final long SEED = 20261125L;

    @Test
    void constantRateIsAbsoluteAndDoesNotDrift() {
        // 3 req/s has a gap of 333,333,333.33 ns: summing rounded gaps would drift by 1/3 ns per arrival.
        long start = 5_000;
        long[] t = ArrivalSchedule.count(LoadSpec.Arrival.CONSTANT, 3.0, start, 1_000_000, new SplittableRandom(SEED));
        for (int i : new int[] {0, 1, 2, 999_999}) {
            assertEquals(start + Math.round(i * 1e9 / 3.0), t[i], "arrival " + i);
        }
        // Adding the rounded gap (333,333,333 ns) a million times would land 333,333 ns early.
        assertEquals(start + 333_333_000_000_000L, t[999_999]);
    }

    @Test
    void poissonGapsAreExponentialByKolmogorovSmirnov() {
        double rate = 50;
        long[] t = ArrivalSchedule.count(LoadSpec.Arrival.POISSON, rate, 0, 20_001, new SplittableRandom(SEED));
        double[] gapsSeconds = new double[t.length - 1];
        for (int i = 1; i < t.length; i++) gapsSeconds[i - 1] = (t[i] - t[i - 1]) / 1e9;
        double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new ExponentialDistribution(null, 1 / rate), gapsSeconds);
        assertTrue(p > 0.01, "gaps fit Exp(rate) (p=" + p + ")");
        // The same gaps do not fit a rate 10% off: the test has the power to fail.
        double pWrong = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new ExponentialDistribution(null, 1 / (rate * 1.1)), gapsSeconds);
        assertTrue(pWrong < 1e-6, "a wrong rate is rejected (p=" + pWrong + ")");
    }

    @Test
    void gammaGapsHaveTheRateAndTheBurstinessAskedFor() {
        double rate = 50;
        for (double k : new double[]{0.25, 1, 4}) {
            long[] t = ArrivalSchedule.forStep(LoadSpec.Arrival.GAMMA, k, rate, 0, 0, null, 20_000, new SplittableRandom(SEED));
            double[] gapsSeconds = new double[t.length - 1];
            for (int i = 1; i < t.length; i++) gapsSeconds[i - 1] = (t[i] - t[i - 1]) / 1e9;
            double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new GammaDistribution(null, k, 1 / (rate * k)), gapsSeconds);
            assertTrue(p > 0.01, "k=" + k + ": gaps fit Gamma(k, 1/(rate k)) (p=" + p + ")");
            var stats = new org.apache.commons.math3.stat.descriptive.DescriptiveStatistics(gapsSeconds);
            assertEquals(1 / rate, stats.getMean(), 4 * (1 / rate) / Math.sqrt(k * gapsSeconds.length), "mean gap 1/rate");
            assertEquals(1 / Math.sqrt(k), stats.getStandardDeviation() / stats.getMean(), 0.1 / Math.sqrt(k), "coefficient of variation 1/sqrt(k)");
            if (k != 1) {
                double pPoisson = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new ExponentialDistribution(null, 1 / rate), gapsSeconds);
                assertTrue(pPoisson < 1e-6, "k=" + k + " is told apart from Poisson (p=" + pPoisson + ")");
            }
        }
    }

    @Test
    void poissonCountOverDurationMatchesRate() {
        double rate = 200;
        long[] t = ArrivalSchedule.until(LoadSpec.Arrival.POISSON, rate, 0, 100_000_000_000L, new SplittableRandom(SEED));
        double expected = rate * 100;
        assertTrue(Math.abs(t.length - expected) < 4 * Math.sqrt(expected), "count " + t.length + " vs " + expected);
    }

    @Test
    void sameSeedSameSchedule() {
        long[] a = ArrivalSchedule.count(LoadSpec.Arrival.POISSON, 7, 0, 500, new SplittableRandom(SEED));
        long[] b = ArrivalSchedule.count(LoadSpec.Arrival.POISSON, 7, 0, 500, new SplittableRandom(SEED));
        assertArrayEquals(a, b);
    }

    @Test
    void aLinearRampMovesArrivalsByTheTimeChangeAndLeavesTheWindowAlone() {
        long second = 1_000_000_000L;
        // 10/s constant, 2 s ramp, 1 s warm-up, 20 measured: arrival n at s = n/10 s becomes sqrt(2 * 2 s * s) while s < 1 s,
        // s + 1 s after; so 10 ramp arrivals (the rate rising from 0: arrivals by t number 10 t^2/4), 10 warm-up, then 20
        long[] t = ArrivalSchedule.rampedStep(LoadSpec.Arrival.CONSTANT, 1, 10, 0, 2 * second, 3 * second, null, 20, new SplittableRandom(SEED));
        assertEquals(40, t.length);
        for (int n = 0; n < 10; n++) assertEquals(Math.round(Math.sqrt(4.0 * n / 10) * second), t[n], "ramp arrival " + n);
        for (int n = 10; n < 40; n++) assertEquals(n * second / 10 + second, t[n], "arrival " + n + " at the full rate");
        assertEquals(3 * second, t[20], "the first measured arrival opens the window");
        long[] byTime = ArrivalSchedule.rampedStep(LoadSpec.Arrival.CONSTANT, 1, 10, 0, 2 * second, 3 * second, 2 * second, null,
                new SplittableRandom(SEED));
        assertEquals(40, byTime.length, "a 2 s window after the ramp and warm-up holds 20 arrivals at 10/s");
        assertArrayEquals(ArrivalSchedule.forStep(LoadSpec.Arrival.POISSON, 1, 7, 5, 9, 1000L, null, new SplittableRandom(SEED)),
                ArrivalSchedule.rampedStep(LoadSpec.Arrival.POISSON, 1, 7, 5, 0, 9, 1000L, null, new SplittableRandom(SEED)), "no ramp, no change");
    }

    @Test
    void traceScheduleIsTheScaledOffsetsCutByWarmupAndWindow() {
        long[] offsets = {0, 0, 1_000, 2_001, 10_000};
        // stretch 0.5: 0, 0, 500, 1000.5 (rounds to 1001), 5000 after a start of 100
        assertArrayEquals(new long[]{100, 100, 600, 1101, 5100}, ArrivalSchedule.ofTrace(offsets, 0.5, 100, 100, null, 5));
        // warm-up up to 600 (exclusive), then two measured arrivals
        assertArrayEquals(new long[]{100, 100, 600, 1101}, ArrivalSchedule.ofTrace(offsets, 0.5, 100, 600, null, 2));
        // a measured window of 1000 after a warm-up ending at 600 keeps arrivals before 1600
        assertArrayEquals(new long[]{100, 100, 600, 1101}, ArrivalSchedule.ofTrace(offsets, 0.5, 100, 600, 1000L, null));
        // the step ends where the trace does, however many requests were asked for
        assertEquals(5, ArrivalSchedule.ofTrace(offsets, 1, 0, 0, null, 1000).length);
    }

    @Test
    void stepScheduleSplitsWarmupAndCountsMeasuredArrivals() {
        long warmupEnd = 2_000_000_000L;
        long[] t = ArrivalSchedule.forStep(LoadSpec.Arrival.CONSTANT, 1, 10, 0, warmupEnd, null, 25, new SplittableRandom(SEED));
        assertEquals(20 + 25, t.length, "20 warm-up arrivals in 2 s at 10/s, then 25 measured");
        assertEquals(warmupEnd, t[20]);
        long[] d = ArrivalSchedule.forStep(LoadSpec.Arrival.CONSTANT, 1, 10, 0, warmupEnd, 3_000_000_000L, null, new SplittableRandom(SEED));
        assertEquals(50, d.length, "5 s at 10/s, end exclusive");
    }

    @Property(tries = 50)
    void arrivalsAreNonDecreasingAndWithinTheWindow(@ForAll @DoubleRange(min = 0.1, max = 5000) double rate,
                                                    @ForAll @IntRange(min = 0, max = 1000) int seed) {
        long end = 2_000_000_000L;
        for (LoadSpec.Arrival a : LoadSpec.Arrival.values()) {
            long[] t = ArrivalSchedule.until(a, rate, 1_000, end, new SplittableRandom(seed));
            for (int i = 0; i < t.length; i++) {
                assertTrue(t[i] >= 1_000 && t[i] < end);
                if (i > 0) assertTrue(t[i] >= t[i - 1]);
            }
        }
    }
}
