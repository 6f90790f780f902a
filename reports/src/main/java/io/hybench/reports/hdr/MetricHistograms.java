package io.hybench.reports.hdr;

import org.HdrHistogram.Histogram;

import java.util.List;

/**
 * Every interval logged for one metric (one tag), and their sum.
 *
 * @param metric    the log tag, or the file name without {@code .hlog} when intervals are untagged
 * @param intervals in log order
 * @param merged    all intervals added together (histograms add losslessly; percentiles never average)
 */
public record MetricHistograms(String metric, List<IntervalHistogram> intervals, Histogram merged) {

    public MetricHistograms {
        intervals = List.copyOf(intervals);
    }

    /** The value at a percentile of each interval, in milliseconds: the tail latency over time. */
    public double[] intervalValuesAtPercentileMs(double percentile) {
        return intervals.stream().mapToDouble(i -> i.valueAtPercentile(percentile) / 1e6).toArray();
    }

    /** Interval midpoints in seconds from the log's start, aligned with {@link #intervalValuesAtPercentileMs}. */
    public double[] intervalMidpointsSeconds() {
        return intervals.stream().mapToDouble(i -> (i.startSeconds() + i.endSeconds()) / 2).toArray();
    }

    public PercentileSpectrum spectrum() {
        return PercentileSpectrum.fromNanos(merged);
    }
}
