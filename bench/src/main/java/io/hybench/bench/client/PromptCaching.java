package io.hybench.bench.client;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * Whether requests ask the server to cache their prompt where the protocol needs asking (Anthropic's
 * {@code cache_control} breakpoints; OpenAI, vLLM and Ollama cache without being asked, so it changes nothing there).
 */
public enum PromptCaching {
    /** No cache marks: the request as before. */
    OFF,
    /**
     * The marks an agent's multi-turn client puts: a breakpoint on the system prompt and one on the last message's
     * last block, so each turn reads the conversation the previous turn wrote and writes its own.
     */
    AUTO;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static PromptCaching of(String s) {
        for (PromptCaching p : values()) if (p.wire().equals(s)) return p;
        throw new IllegalArgumentException("must be auto or off, was '" + s + "'");
    }
}
