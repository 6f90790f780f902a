package io.hybench.core.stats;

/**
 * A point estimate with an interval; bounds are NaN when there were too few observations.
 *
 * @param estimate the statistic on all observations
 * @param lower    lower bound
 * @param upper    upper bound
 * @param level    confidence level, e.g. 0.95
 * @param method   how the bounds were found
 * @param n        bootstrap resamples, or repetitions, behind the bounds
 */
public record ConfidenceInterval(double estimate, double lower, double upper, double level, Method method, int n) {

    public enum Method {
        /** Percentile bootstrap over one step's observations. */
        BOOTSTRAP,
        /** Student's t over the repetitions of a load level. */
        REPETITIONS
    }

    static ConfidenceInterval notMeasured(double level, Method method) {
        return new ConfidenceInterval(Double.NaN, Double.NaN, Double.NaN, level, method, 0);
    }

    public ConfidenceInterval scaled(double factor) {
        return new ConfidenceInterval(estimate * factor, lower * factor, upper * factor, level, method, n);
    }
}
