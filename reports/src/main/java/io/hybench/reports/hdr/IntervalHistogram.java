package io.hybench.reports.hdr;

import io.hybench.bench.metrics.RecordedBuckets;
import org.HdrHistogram.Histogram;

/**
 * One interval of a histogram log.
 *
 * @param startSeconds seconds from the start of the log to the interval's start
 * @param endSeconds   seconds from the start of the log to the interval's end
 * @param buckets      the values recorded in the interval (nanoseconds), as their recorded buckets
 */
public record IntervalHistogram(double startSeconds, double endSeconds, RecordedBuckets buckets) {
    public IntervalHistogram(double startSeconds, double endSeconds, Histogram histogram) {
        this(startSeconds, endSeconds, RecordedBuckets.of(histogram));
    }

    /** The interval's value at {@code percentile}, in nanoseconds; NaN when it recorded nothing. */
    public double valueAtPercentile(double percentile) {
        return buckets.totalCount() == 0 ? Double.NaN : buckets.toHistogram().getValueAtPercentile(percentile);
    }
}
