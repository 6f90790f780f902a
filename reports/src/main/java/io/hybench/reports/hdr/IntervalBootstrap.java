package io.hybench.reports.hdr;

import io.hybench.bench.metrics.RecordedBuckets;
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
        List<RecordedBuckets> seconds = intervals.stream().map(IntervalHistogram::buckets).filter(b -> b.totalCount() > 0).toList();
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
            for (int i = 0; i < seconds.size(); i++) seconds.get(random.nextInt(seconds.size())).addTo(resample);
            stats[b] = resample.getValueAtPercentile(percentile);
        }
        return Intervals.fromResamples(estimate, stats, spec);
    }

    private static Histogram merge(List<RecordedBuckets> seconds) {
        Histogram all = new Histogram(seconds.getFirst().digits());
        seconds.forEach(b -> b.addTo(all));
        return all;
    }
}
