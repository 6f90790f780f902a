package io.hybench.calibrate.cost;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One model's list price in USD per million tokens, with where the figure was read. Prompt-cache prices are
 * optional: without them cached and cache-written tokens cost what any input token costs.
 *
 * @param cacheReadUsdPerMillion  price of a prompt token served from the provider's prompt cache (Anthropic cache
 *                                hits 0.1x input; OpenAI cached input per model); null: the input price
 * @param cacheWriteUsdPerMillion price of a prompt token written to the cache (Anthropic 5-minute writes 1.25x
 *                                input, 1-hour writes 2x; OpenAI writes cost nothing extra); null: the input price
 */
public record ModelPrice(double inputUsdPerMillion, double outputUsdPerMillion, String source,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Double cacheReadUsdPerMillion,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Double cacheWriteUsdPerMillion) {
    public ModelPrice {
        if (!(inputUsdPerMillion >= 0) || !(outputUsdPerMillion >= 0)
                || (cacheReadUsdPerMillion != null && !(cacheReadUsdPerMillion >= 0))
                || (cacheWriteUsdPerMillion != null && !(cacheWriteUsdPerMillion >= 0))) {
            throw new IllegalArgumentException("a price below 0 USD per million tokens (input " + inputUsdPerMillion + ", output " + outputUsdPerMillion
                    + (cacheReadUsdPerMillion == null ? "" : ", cache read " + cacheReadUsdPerMillion)
                    + (cacheWriteUsdPerMillion == null ? "" : ", cache write " + cacheWriteUsdPerMillion) + ")");
        }
    }

    /** A price without prompt-cache prices. */
    public ModelPrice(double inputUsdPerMillion, double outputUsdPerMillion, String source) {
        this(inputUsdPerMillion, outputUsdPerMillion, source, null, null);
    }

    /** USD per million cached prompt tokens: the cache-read price, else the input price. */
    public double cacheReadPrice() {
        return cacheReadUsdPerMillion != null ? cacheReadUsdPerMillion : inputUsdPerMillion;
    }

    /** USD per million prompt tokens written to the cache: the cache-write price, else the input price. */
    public double cacheWritePrice() {
        return cacheWriteUsdPerMillion != null ? cacheWriteUsdPerMillion : inputUsdPerMillion;
    }

    /** The USD cost of one call with these token counts, no prompt cache involved. */
    public double costUsd(double inputTokens, double outputTokens) {
        return costUsd(inputTokens, 0, 0, outputTokens);
    }

    /**
     * The USD cost of one call. {@code inputTokens} is the whole prompt as the bench records it (OpenAI
     * {@code prompt_tokens}; Anthropic input + cache read + cache creation); of it, {@code cachedInputTokens} are
     * priced as cache reads and {@code cacheWriteInputTokens} as cache writes, the rest as input.
     */
    public double costUsd(double inputTokens, double cachedInputTokens, double cacheWriteInputTokens, double outputTokens) {
        double uncached = inputTokens - cachedInputTokens - cacheWriteInputTokens;
        return (uncached * inputUsdPerMillion + cachedInputTokens * cacheReadPrice() + cacheWriteInputTokens * cacheWritePrice()
                + outputTokens * outputUsdPerMillion) / 1e6;
    }
}
