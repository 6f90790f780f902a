package io.hybench.emulator.profile;

/**
 * How long answers are when the client does not force a length.
 *
 * @param eosMedianTokens   median length at which the model samples end-of-sequence
 * @param eosSigma          log-space standard deviation of that length (0: always the median)
 * @param contextTokens     the context window (prompt plus output); longer requests are refused
 */
public record OutputParams(int eosMedianTokens, double eosSigma, int contextTokens) {
}
