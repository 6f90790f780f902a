package io.hybench.calibrate.hybrid;

/** A figure with its interval at {@code level}; bounds NaN where no interval could be had. */
public record Estimate(double value, double lower, double upper, double level) {

    public static Estimate of(Proportion p) {
        return new Estimate(p.value(), p.lower(), p.upper(), p.level());
    }

    public Estimate scaled(double factor) {
        return new Estimate(value * factor, lower * factor, upper * factor, level);
    }

    public boolean hasInterval() {
        return !Double.isNaN(lower) && !Double.isNaN(upper);
    }

    /** Whether two intervals share a point; null when either has none. */
    public Boolean overlaps(Estimate other) {
        if (!hasInterval() || !other.hasInterval()) return null;
        return lower <= other.upper && other.lower <= upper;
    }
}
