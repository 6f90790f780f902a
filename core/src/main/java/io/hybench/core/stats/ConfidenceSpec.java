package io.hybench.core.stats;

/**
 * How confidence intervals are computed: a percentile bootstrap with this many resamples at this level.
 *
 * @param resamples bootstrap resamples (0 turns intervals off: they are then NaN)
 * @param level     confidence level, e.g. 0.95
 */
public record ConfidenceSpec(int resamples, double level) {
    public ConfidenceSpec {
        if (resamples < 0) throw new IllegalArgumentException("resamples must be >= 0");
        if (!(level > 0 && level < 1)) throw new IllegalArgumentException("level must be in (0, 1)");
    }

    public static ConfidenceSpec defaults() {
        return new ConfidenceSpec(1000, 0.95);
    }
}
