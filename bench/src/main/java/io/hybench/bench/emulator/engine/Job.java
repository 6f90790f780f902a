package io.hybench.bench.emulator.engine;

/**
 * One generation as the engine sees it: how much to read and how many tokens to produce.
 *
 * @param id              unique per engine
 * @param promptTokens    tokens to prefill
 * @param outputTokens    tokens to generate (including the end-of-sequence token when the answer ends with one)
 * @param rateKey         whose per-key limits apply (cloud engines); the API key or a fixed name
 * @param keepAliveNanos  Ollama keep_alive of this request; null for the profile's default, negative for forever
 */
public record Job(long id, int promptTokens, int outputTokens, String rateKey, Long keepAliveNanos) {
    public Job {
        if (promptTokens < 0) throw new IllegalArgumentException("promptTokens < 0: " + promptTokens);
        if (outputTokens < 1) throw new IllegalArgumentException("outputTokens < 1: " + outputTokens);
    }
}
