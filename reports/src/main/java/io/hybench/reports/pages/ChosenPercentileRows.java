package io.hybench.reports.pages;

import java.util.List;
import java.util.Map;

/**
 * The percentiles the workload chose ({@code percentiles}, docs/results.md) of each step of one target, read off the
 * step's merged histograms.
 *
 * @param percentiles the chosen percentiles, ascending
 * @param steps       one row per step, in run order
 */
public record ChosenPercentileRows(List<Double> percentiles, List<Row> steps) {
    public ChosenPercentileRows {
        percentiles = List.copyOf(percentiles);
        steps = List.copyOf(steps);
    }

    /** No rows: a report built without the histograms. */
    public static ChosenPercentileRows none() {
        return new ChosenPercentileRows(List.of(), List.of());
    }

    /**
     * @param load       the step's load level
     * @param repetition which run of the level
     * @param valuesMs   per metric, the value at each chosen percentile in ms (NaN where nothing was recorded)
     * @param cachedInputShare the step's cached share of prompt tokens ({@code rates.cachedInputShare}); null when the server
     *                   reported no cached tokens
     */
    public record Row(double load, int repetition, Map<LatencyMetric, double[]> valuesMs, Double cachedInputShare) {
        public Row {
            valuesMs = Map.copyOf(valuesMs);
        }
    }
}
