package io.hybench.emulator.profile;

/**
 * vLLM-like engine: continuous batching with chunked prefill and a paged KV cache.
 * One step's duration is {@code stepBaseNanos + perTokenNanos * scheduledTokens
 * + perContextTokenNanos * contextTokensOfScheduledSequences}.
 *
 * @param maxNumSeqs          most sequences running in one step
 * @param maxNumBatchedTokens most tokens (decode + prefill chunks) scheduled in one step
 * @param kvCacheTokens       KV-cache capacity in tokens; running out preempts the newest sequence
 */
public record VllmParams(int maxNumSeqs, int maxNumBatchedTokens, long kvCacheTokens,
                         long stepBaseNanos, long perTokenNanos, double perContextTokenNanos)
        implements EngineParams {
}
