package io.hybench.calibrate.cost;

/** One model's list price in USD per million tokens, with where the figure was read. */
public record ModelPrice(double inputUsdPerMillion, double outputUsdPerMillion, String source) {
    public ModelPrice {
        if (!(inputUsdPerMillion >= 0) || !(outputUsdPerMillion >= 0)) {
            throw new IllegalArgumentException("a price below 0 USD per million tokens (input " + inputUsdPerMillion + ", output " + outputUsdPerMillion + ")");
        }
    }

    /** The USD cost of one call with these token counts. */
    public double costUsd(double inputTokens, double outputTokens) {
        return (inputTokens * inputUsdPerMillion + outputTokens * outputUsdPerMillion) / 1e6;
    }
}
