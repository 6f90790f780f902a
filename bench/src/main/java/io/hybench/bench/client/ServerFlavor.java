package io.hybench.bench.client;

/**
 * Which server sits behind an OpenAI-compatible URL. It decides which non-standard request fields
 * may be sent: cloud APIs reject vLLM's {@code ignore_eos}/{@code min_tokens} ("Unrecognized request
 * argument"), so they are only sent where the flavor is {@link #VLLM}.
 */
public enum ServerFlavor {
    GENERIC,
    VLLM,
    OLLAMA,
    OPENAI,
    ANTHROPIC
}
