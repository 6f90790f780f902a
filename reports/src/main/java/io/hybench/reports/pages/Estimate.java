package io.hybench.reports.pages;

/**
 * A measured value with its confidence interval (from repetitions or bootstrap). Bounds are NaN
 * when no interval was computed; a value that was not measured is NaN, never zero.
 */
public record Estimate(double value, double low, double high) {

    public static Estimate point(double value) {
        return new Estimate(value, Double.NaN, Double.NaN);
    }

    public static Estimate notMeasured() {
        return point(Double.NaN);
    }

    public boolean hasInterval() {
        return Double.isFinite(low) && Double.isFinite(high);
    }

    /** Half the interval's width: the run's own noise around this value; NaN without an interval. */
    public double halfWidth() {
        return hasInterval() ? (high - low) / 2 : Double.NaN;
    }
}
