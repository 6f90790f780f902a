package io.hybench.bench.metrics;

/**
 * A point estimate with a percentile-bootstrap interval; all NaN when there were too few observations.
 *
 * @param estimate  the statistic on all observations
 * @param lower     lower bound
 * @param upper     upper bound
 * @param level     confidence level, e.g. 0.95
 * @param resamples bootstrap resamples behind the bounds
 */
public record ConfidenceInterval(double estimate, double lower, double upper, double level, int resamples) {

    static ConfidenceInterval notMeasured(double level) {
        return new ConfidenceInterval(Double.NaN, Double.NaN, Double.NaN, level, 0);
    }

    ConfidenceInterval scaled(double factor) {
        return new ConfidenceInterval(estimate * factor, lower * factor, upper * factor, level, resamples);
    }
}
