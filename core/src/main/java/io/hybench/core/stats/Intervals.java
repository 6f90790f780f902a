package io.hybench.core.stats;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

import java.util.Arrays;

/** Percentiles by nearest rank and the intervals around estimates (bootstrap, Student's t over repetitions); docs/metrics.md. */
public final class Intervals {
    /** Fewer observations than this give NaN intervals rather than a bootstrap of almost nothing. */
    private static final int MIN_BOOTSTRAP_OBSERVATIONS = 5;

    private Intervals() {
    }

    /**
     * Nearest-rank percentile of the first {@code n} values of a sorted array: the smallest value with at
     * least {@code percentile}% of the values at or below it (HdrHistogram's definition, without buckets).
     */
    public static long nearestRank(long[] sorted, int n, double percentile) {
        if (n == 0) throw new IllegalArgumentException("no values");
        int rank = (int) Math.ceil(percentile / 100.0 * n);
        return sorted[Math.max(0, Math.min(n, rank) - 1)];
    }

    /**
     * Percentile-bootstrap interval for a percentile of {@code values[0..n)}: resample n values with
     * replacement {@code spec.resamples()} times (seeded), take each resample's nearest-rank percentile,
     * and report the (1 - level)/2 and (1 + level)/2 quantiles of those. Units are the values' units.
     */
    public static ConfidenceInterval bootstrapPercentile(long[] values, int n, double percentile, ConfidenceSpec spec, long seed) {
        if (n < MIN_BOOTSTRAP_OBSERVATIONS) return ConfidenceInterval.notMeasured(spec.level(), ConfidenceInterval.Method.BOOTSTRAP);
        long[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        double estimate = nearestRank(sorted, n, percentile);
        if (spec.resamples() == 0) return new ConfidenceInterval(estimate, Double.NaN, Double.NaN, spec.level(), ConfidenceInterval.Method.BOOTSTRAP, 0);
        RandomGenerator random = new Well19937c(seed);
        long[] resample = new long[n];
        double[] stats = new double[spec.resamples()];
        for (int b = 0; b < stats.length; b++) {
            for (int i = 0; i < n; i++) resample[i] = values[random.nextInt(n)];
            Arrays.sort(resample);
            stats[b] = nearestRank(resample, n, percentile);
        }
        return fromResamples(estimate, stats, spec);
    }

    /**
     * Percentile-bootstrap interval for a rate from per-bin counts (e.g. output tokens per one-second bin):
     * the bins are resampled as if independent, and each resample's mean count per second is taken.
     * {@code estimate} is passed in so the interval sits around the window's own rate. With fewer than 5
     * bins, or bins holding none of what the estimate counted, the bounds are NaN and the estimate is kept.
     */
    public static ConfidenceInterval bootstrapRate(double estimate, double[] countsPerBin, double binSeconds, ConfidenceSpec spec, long seed) {
        int n = countsPerBin.length;
        if (n < MIN_BOOTSTRAP_OBSERVATIONS || !(binSeconds > 0) || spec.resamples() == 0) {
            // Too few whole bins to resample: the estimate stands, its interval is not measured (never 0-0).
            return new ConfidenceInterval(estimate, Double.NaN, Double.NaN, spec.level(), ConfidenceInterval.Method.BOOTSTRAP, 0);
        }
        if (estimate > 0 && Arrays.stream(countsPerBin).allMatch(c -> c == 0)) {
            // Everything counted fell outside the whole bins (e.g. in a trailing part second): they cannot describe the rate.
            return new ConfidenceInterval(estimate, Double.NaN, Double.NaN, spec.level(), ConfidenceInterval.Method.BOOTSTRAP, 0);
        }
        RandomGenerator random = new Well19937c(seed);
        double[] stats = new double[spec.resamples()];
        for (int b = 0; b < stats.length; b++) {
            double sum = 0;
            for (int i = 0; i < n; i++) sum += countsPerBin[random.nextInt(n)];
            stats[b] = sum / (n * binSeconds);
        }
        return fromResamples(estimate, stats, spec);
    }

    /** The percentile-bootstrap interval around {@code estimate}: the (1 - level)/2 and (1 + level)/2 quantiles of the resampled statistics. */
    public static ConfidenceInterval fromResamples(double estimate, double[] stats, ConfidenceSpec spec) {
        Percentile q = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        q.setData(stats);
        double tail = (1 - spec.level()) / 2 * 100;
        return new ConfidenceInterval(estimate, q.evaluate(tail), q.evaluate(100 - tail), spec.level(), ConfidenceInterval.Method.BOOTSTRAP, stats.length);
    }

    /**
     * Interval across repetitions: mean of {@code values} +- t(k - 1) x s / sqrt(k), Student's t at the
     * two-sided {@code level}. Bounds are NaN for fewer than two repetitions.
     */
    public static ConfidenceInterval repetitionInterval(double[] values, double level) {
        int k = values.length;
        if (k == 0) return ConfidenceInterval.notMeasured(level, ConfidenceInterval.Method.REPETITIONS);
        double mean = Arrays.stream(values).average().orElse(Double.NaN);
        if (k < 2) return new ConfidenceInterval(mean, Double.NaN, Double.NaN, level, ConfidenceInterval.Method.REPETITIONS, 1);
        double sd = new StandardDeviation(true).evaluate(values);
        double half = new TDistribution(k - 1).inverseCumulativeProbability((1 + level) / 2) * sd / Math.sqrt(k);
        return new ConfidenceInterval(mean, mean - half, mean + half, level, ConfidenceInterval.Method.REPETITIONS, k);
    }
}
