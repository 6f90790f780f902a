package io.hybench.emulator.engine;

/**
 * One generation as the engine sees it: how much to read and how many tokens to produce.
 *
 * @param id              unique per engine
 * @param promptTokens    tokens to prefill
 * @param outputTokens    tokens to generate (including the end-of-sequence token when the answer ends with one);
 *                        0 for a job that only loads or unloads the model
 * @param rateKey         whose per-key limits apply (cloud engines); the API key or a fixed name
 * @param keepAliveNanos  Ollama keep_alive of this request; null for the profile's default, negative for forever
 * @param purpose         generate tokens, or (Ollama, a request without a prompt) only load or unload the model
 * @param contextTokens   the context the model must be loaded with (Ollama num_ctx, else the profile's); a loaded
 *                        Ollama model with another context is reloaded; 0 accepts whatever is loaded
 * @param promptIds       the prompt's token identities ({@link PromptIds}), which prefix caches match on; null when
 *                        the prompt shares nothing with any other
 */
public record Job(long id, int promptTokens, int outputTokens, String rateKey, Long keepAliveNanos, Purpose purpose,
                  int contextTokens, PromptIds promptIds) {
    /** What a job asks of the engine. Engines whose model is always resident answer LOAD and UNLOAD at once. */
    public enum Purpose { GENERATE, LOAD, UNLOAD }

    public Job {
        if (promptTokens < 0) throw new IllegalArgumentException("promptTokens < 0: " + promptTokens);
        if (contextTokens < 0) throw new IllegalArgumentException("contextTokens < 0: " + contextTokens);
        if (purpose == Purpose.GENERATE ? outputTokens < 1 : outputTokens != 0) {
            throw new IllegalArgumentException(purpose + " job with outputTokens " + outputTokens);
        }
        if (promptIds != null && promptIds.length() != promptTokens) {
            throw new IllegalArgumentException("promptIds has " + promptIds.length() + " tokens, promptTokens " + promptTokens);
        }
    }

    /** A job whose prompt shares nothing with any other (no prefix-cache hit possible). */
    public Job(long id, int promptTokens, int outputTokens, String rateKey, Long keepAliveNanos, Purpose purpose,
               int contextTokens) {
        this(id, promptTokens, outputTokens, rateKey, keepAliveNanos, purpose, contextTokens, null);
    }

    /** A generation on whatever context is loaded. */
    public Job(long id, int promptTokens, int outputTokens, String rateKey, Long keepAliveNanos) {
        this(id, promptTokens, outputTokens, rateKey, keepAliveNanos, Purpose.GENERATE, 0);
    }

    /** Accepts and finishes a LOAD or UNLOAD job at {@code nowNanos}: for engines whose model never leaves memory. */
    static void answerAtOnce(JobSink sink, long nowNanos) {
        sink.accept(new Emission.Accepted(nowNanos));
        sink.accept(new Emission.Finished(nowNanos, new Completion(nowNanos, 0, 0, 0, 0, CacheUse.NONE)));
    }
}
