package io.hybench.emulator.engine;

/**
 * What a prompt cache did for one prompt: tokens read from it, and tokens written to it by lifetime (Anthropic
 * reports writes apart, {@code cache_creation.ephemeral_5m_input_tokens} / {@code ephemeral_1h_input_tokens};
 * engines that only report hits write none). Read and written tokens are parts of the prompt, never more.
 *
 * @param readTokens    prompt tokens served from the cache instead of prefilled
 * @param write5mTokens prompt tokens prefilled and written to the cache for 5 minutes
 * @param write1hTokens prompt tokens prefilled and written to the cache for 1 hour
 */
public record CacheUse(int readTokens, int write5mTokens, int write1hTokens) {
    public static final CacheUse NONE = new CacheUse(0, 0, 0);

    public CacheUse {
        if (readTokens < 0 || write5mTokens < 0 || write1hTokens < 0) {
            throw new IllegalArgumentException("negative cache use: " + readTokens + "/" + write5mTokens + "/" + write1hTokens);
        }
    }

    /** Only hits (vLLM, Ollama, OpenAI). */
    public static CacheUse read(int readTokens) {
        return readTokens == 0 ? NONE : new CacheUse(readTokens, 0, 0);
    }

    public int writeTokens() {
        return write5mTokens + write1hTokens;
    }
}
