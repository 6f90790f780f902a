package io.hybench.bench.client;

import java.util.Objects;

/**
 * What to ask a target, independent of its protocol. Each client maps it to its wire format.
 *
 * @param requestId          unique within a run; echoed in the record
 * @param prompt             the user prompt (chat form sends it as one user message)
 * @param chat               true for chat endpoints, false for completion/generate endpoints
 * @param maxTokens          output cap ({@code max_tokens}, {@code num_predict}); null for server default
 * @param forceOutputLength  ask the server to emit exactly {@code maxTokens} (vLLM {@code ignore_eos} and
 *                           {@code min_tokens}); only honoured where the server supports it
 * @param temperature        sampling temperature, null for server default
 * @param seed               sampling seed, null for none
 * @param logprobs           request per-token logprobs
 * @param topLogprobs        number of alternatives per token when logprobs are requested (0 for none)
 * @param numCtx             Ollama {@code num_ctx}; null for server default
 * @param keepAlive          Ollama {@code keep_alive} (e.g. "5m", "-1"); null for server default
 */
public record GenerationRequest(
        String requestId,
        String prompt,
        boolean chat,
        Integer maxTokens,
        boolean forceOutputLength,
        Double temperature,
        Long seed,
        boolean logprobs,
        int topLogprobs,
        Integer numCtx,
        String keepAlive) {

    public GenerationRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(prompt, "prompt");
        if (maxTokens != null && maxTokens < 1) throw new IllegalArgumentException("maxTokens must be >= 1, was " + maxTokens);
        if (topLogprobs < 0 || topLogprobs > 20) throw new IllegalArgumentException("topLogprobs must be in 0..20, was " + topLogprobs);
        if (forceOutputLength && maxTokens == null) throw new IllegalArgumentException("forceOutputLength needs maxTokens");
    }

    /** A chat request with server defaults for everything else. */
    public static GenerationRequest chat(String requestId, String prompt, Integer maxTokens) {
        return new GenerationRequest(requestId, prompt, true, maxTokens, false, null, null, false, 0, null, null);
    }
}
