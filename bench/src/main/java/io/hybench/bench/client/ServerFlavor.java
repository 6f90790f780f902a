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
    ANTHROPIC;

    /** The flavor a target has when none is named: the one its protocol implies. */
    public static ServerFlavor impliedBy(ApiKind api) {
        return switch (api) {
            case OLLAMA -> OLLAMA;
            case OPENAI -> GENERIC;
            case ANTHROPIC -> ANTHROPIC;
        };
    }
}
