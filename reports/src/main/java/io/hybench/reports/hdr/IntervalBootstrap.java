package io.hybench.reports.hdr;

import io.hybench.core.stats.ConfidenceInterval;
import io.hybench.core.stats.ConfidenceSpec;
import io.hybench.core.stats.Intervals;
import org.HdrHistogram.Histogram;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

import java.util.List;

/**
 * Confidence interval of a latency percentile from a step's interval histograms (its .hlog): a block
 * bootstrap that resamples the one-second intervals whole, merges each resample and reads its percentile.
 * Whole seconds keep the correlation of requests that shared a second, which resampling single requests
 * would ignore. For steps whose summary holds no interval for a figure (docs/metrics.md, Confidence intervals).
 */
public final class IntervalBootstrap {
    /** As for the summary's own bootstrap intervals: fewer seconds than this give no interval. */
    private static final int MIN_INTERVALS = 5;

    private IntervalBootstrap() {
    }

    /** The interval, in nanoseconds, around the merged histogram's {@code percentile}; bounds NaN with too few non-empty seconds. */
    public static ConfidenceInterval percentileNanos(List<IntervalHistogram> intervals, double percentile, ConfidenceSpec spec, long seed) {
        List<Histogram> seconds = intervals.stream().map(IntervalHistogram::histogram).filter(h -> h.getTotalCount() > 0).toList();
        if (seconds.isEmpty()) return new ConfidenceInterval(Double.NaN, Double.NaN, Double.NaN, spec.level(), ConfidenceInterval.Method.BOOTSTRAP, 0);
        Histogram all = merge(seconds);
        double estimate = all.getValueAtPercentile(percentile);
        if (seconds.size() < MIN_INTERVALS || spec.resamples() == 0) {
            return new ConfidenceInterval(estimate, Double.NaN, Double.NaN, spec.level(), ConfidenceInterval.Method.BOOTSTRAP, 0);
        }
        RandomGenerator random = new Well19937c(seed);
        double[] stats = new double[spec.resamples()];
        Histogram resample = new Histogram(all.getNumberOfSignificantValueDigits());
        for (int b = 0; b < stats.length; b++) {
            resample.reset();
            for (int i = 0; i < seconds.size(); i++) resample.add(seconds.get(random.nextInt(seconds.size())));
            stats[b] = resample.getValueAtPercentile(percentile);
        }
        return Intervals.fromResamples(estimate, stats, spec);
    }

    private static Histogram merge(List<Histogram> seconds) {
        Histogram all = new Histogram(seconds.getFirst().getNumberOfSignificantValueDigits());
        seconds.forEach(all::add);
        return all;
    }
}
