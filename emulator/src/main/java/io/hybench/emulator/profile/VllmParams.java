package io.hybench.emulator.profile;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hybench.core.config.Checks;

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

    /** The {@code engine} section of {@code kind: vllm}. */
    @JsonCreator
    static VllmParams fromFile(@JsonProperty(value = "max_num_seqs", required = true) int maxNumSeqs,
                               @JsonProperty(value = "max_num_batched_tokens", required = true) int maxNumBatchedTokens,
                               @JsonProperty(value = "kv_cache_tokens", required = true) long kvCacheTokens,
                               @JsonProperty(value = "step_base_ms", required = true) double stepBaseMs,
                               @JsonProperty(value = "step_per_token_ms", required = true) double stepPerTokenMs,
                               @JsonProperty(value = "step_per_context_token_ns", required = true) double stepPerContextTokenNs) {
        return new VllmParams(Checks.within("max_num_seqs", maxNumSeqs, 1, 100_000),
                Checks.within("max_num_batched_tokens", maxNumBatchedTokens, 1, 10_000_000),
                Checks.within("kv_cache_tokens", kvCacheTokens, 1, 1_000_000_000_000L),
                Millis.nanos("step_base_ms", stepBaseMs, 0.001), Millis.nanos("step_per_token_ms", stepPerTokenMs, 0),
                Checks.within("step_per_context_token_ns", stepPerContextTokenNs, 0, 1e9));
    }
}
