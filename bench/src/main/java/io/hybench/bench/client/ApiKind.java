package io.hybench.bench.client;

/** The wire protocol a target speaks. Each has exactly one {@link StreamingClient} implementation. */
public enum ApiKind {
    /** Ollama's native API: {@code /api/chat}, {@code /api/generate}, NDJSON streams. */
    OLLAMA,
    /** OpenAI-compatible chat/completions over SSE (OpenAI, vLLM, llama.cpp, Ollama /v1, LiteLLM). */
    OPENAI,
    /** Anthropic Messages API over SSE with named events. */
    ANTHROPIC
}
