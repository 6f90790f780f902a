package io.hybench.reports.hdr;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.Arrays;

/**
 * The full latency distribution of one histogram as (percentile, value) steps, the way
 * HdrHistogram's {@code outputPercentileDistribution} lists it: denser towards the tail, five
 * steps per halving of the remaining tail.
 *
 * @param percentiles percentile levels in [0, 100], increasing
 * @param valuesMs    the value at each level, in milliseconds
 * @param totalCount  number of values in the histogram
 * @param maxMs       the largest value recorded
 */
public record PercentileSpectrum(double[] percentiles, double[] valuesMs, long totalCount, double maxMs) {
    private static final double NANOS_PER_MS = 1e6;
    private static final int TICKS_PER_HALF_DISTANCE = 5;

    public PercentileSpectrum {
        if (percentiles.length != valuesMs.length) throw new IllegalArgumentException("percentiles and values differ in length");
        percentiles = percentiles.clone();
        valuesMs = valuesMs.clone();
    }

    /** The spectrum of a histogram whose values are nanoseconds (the project's unit for every recorded time). */
    public static PercentileSpectrum fromNanos(AbstractHistogram histogram) {
        if (histogram.getTotalCount() == 0) return new PercentileSpectrum(new double[0], new double[0], 0, Double.NaN);
        double[] p = new double[64];
        double[] v = new double[64];
        int n = 0;
        for (HistogramIterationValue step : histogram.percentiles(TICKS_PER_HALF_DISTANCE)) {
            if (n == p.length) {
                p = Arrays.copyOf(p, n * 2);
                v = Arrays.copyOf(v, n * 2);
            }
            p[n] = step.getPercentileLevelIteratedTo();
            v[n] = step.getValueIteratedTo() / NANOS_PER_MS;
            n++;
        }
        return new PercentileSpectrum(Arrays.copyOf(p, n), Arrays.copyOf(v, n), histogram.getTotalCount(),
                histogram.getMaxValue() / NANOS_PER_MS);
    }

    @Override
    public double[] percentiles() {
        return percentiles.clone();
    }

    @Override
    public double[] valuesMs() {
        return valuesMs.clone();
    }
}
