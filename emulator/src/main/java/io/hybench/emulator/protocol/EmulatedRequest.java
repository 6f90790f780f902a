package io.hybench.emulator.protocol;

import io.hybench.emulator.engine.Job;

/**
 * The fields of a generation request that shape the emulated answer, read from any protocol.
 *
 * @param maxTokens        output cap (max_tokens, num_predict); null for none
 * @param minTokens        vLLM min_tokens; 0 for none
 * @param ignoreEos        vLLM ignore_eos: produce exactly maxTokens
 * @param seed             the request's sampling seed; same seed, same text
 * @param temperature      sampling temperature; null for the server default
 * @param lastUserText     the last user message (chat) or the prompt (completions), looked up in the answer key
 * @param topLogprobs      alternatives per token when logprobs are on
 * @param includeUsage     a final usage chunk is wanted (OpenAI-style streams)
 * @param continuousUsage  vLLM continuous_usage_stats: usage on every chunk
 * @param keepAliveNanos   Ollama keep_alive; null for the server default, negative for forever
 * @param rateKey          whose rate limits apply (API key or "anonymous")
 * @param purpose          a generation, or an Ollama request without a prompt that only loads or unloads the model
 * @param numCtx           Ollama options.num_ctx; null for the profile's context
 */
public record EmulatedRequest(String model, int promptTokens, Integer maxTokens, int minTokens, boolean ignoreEos,
                              Long seed, Double temperature, String lastUserText, boolean stream, boolean logprobs, int topLogprobs,
                              boolean includeUsage, boolean continuousUsage, Long keepAliveNanos, String rateKey,
                              Job.Purpose purpose, Integer numCtx) {
    /** A generation request. */
    public EmulatedRequest(String model, int promptTokens, Integer maxTokens, int minTokens, boolean ignoreEos,
                           Long seed, Double temperature, String lastUserText, boolean stream, boolean logprobs,
                           int topLogprobs, boolean includeUsage, boolean continuousUsage, Long keepAliveNanos,
                           String rateKey) {
        this(model, promptTokens, maxTokens, minTokens, ignoreEos, seed, temperature, lastUserText, stream, logprobs,
                topLogprobs, includeUsage, continuousUsage, keepAliveNanos, rateKey, Job.Purpose.GENERATE, null);
    }
}
