package io.hybench.emulator.engine;

/**
 * Engine-side timings of a finished job, as Ollama reports them.
 *
 * @param arrivalNanos     when the job reached the engine
 * @param loadNanos        waiting for and performing a model load (Ollama {@code load_duration})
 * @param promptEvalNanos  prefill time ({@code prompt_eval_duration})
 * @param evalNanos        from the end of prefill to the last token ({@code eval_duration})
 * @param outputTokens     tokens produced ({@code eval_count})
 * @param cache            prompt tokens served from the engine's prefix cache instead of prefilled, and written to it
 */
public record Completion(long arrivalNanos, long loadNanos, long promptEvalNanos, long evalNanos, int outputTokens,
                         CacheUse cache) {
    public Completion {
        if (cache == null) cache = CacheUse.NONE;
    }

    /** Prompt tokens served from the prefix cache. */
    public int cachedTokens() {
        return cache.readTokens();
    }
}
