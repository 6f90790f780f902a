package io.hybench.emulator.profile;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hybench.core.config.Checks;

/**
 * How long answers are when the client does not force a length.
 *
 * @param eosMedianTokens   median length at which the model samples end-of-sequence
 * @param eosSigma          log-space standard deviation of that length (0: always the median)
 * @param contextTokens     the context window (prompt plus output); longer requests are refused
 */
public record OutputParams(int eosMedianTokens, double eosSigma, int contextTokens) {

    /** The {@code output} section. */
    @JsonCreator
    static OutputParams fromFile(@JsonProperty(value = "eos_median_tokens", required = true) int eosMedianTokens,
                                 @JsonProperty(value = "eos_sigma", required = true) double eosSigma,
                                 @JsonProperty(value = "context_tokens", required = true) int contextTokens) {
        return new OutputParams(Checks.within("eos_median_tokens", eosMedianTokens, 1, 1_000_000),
                Checks.within("eos_sigma", eosSigma, 0, 3), Checks.within("context_tokens", contextTokens, 2, 10_000_000));
    }
}
