package io.hybench.calibrate.data;

/**
 * What one side (local or cloud) produced for one query. {@code quality} is correctness in [0,1]
 * (a boolean maps to 0 or 1). The optional measurements are {@link Double#NaN} when the data set does
 * not give them, never a plausible zero.
 */
public record SideOutcome(double quality, double inputTokens, double outputTokens, double latencyMs, double costUsd) {
    public SideOutcome {
        if (!(quality >= 0 && quality <= 1)) throw new IllegalArgumentException("quality must be in [0,1]: " + quality);
    }

    public static SideOutcome ofQuality(double quality) {
        return new SideOutcome(quality, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    public boolean hasTokens() {
        return !Double.isNaN(inputTokens) && !Double.isNaN(outputTokens);
    }
}
