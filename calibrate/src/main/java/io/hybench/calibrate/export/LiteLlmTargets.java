package io.hybench.calibrate.export;

import io.hybench.bench.client.Target;

import java.util.Locale;

/**
 * Where LiteLLM should reach each side: provider-prefixed model strings (LiteLLM picks its provider
 * from the prefix and rejects a bare {@code org/model} it does not know), each side's base URL
 * ({@code api_base}; null: the provider's public endpoint), and the environment variable holding the
 * cloud key (LiteLLM reads {@code os.environ/NAME}; a key itself is never written).
 *
 * <p>Prefixes, as LiteLLM's providers take them: {@code ollama_chat/} (Ollama's native /api/chat),
 * {@code hosted_vllm/} (vLLM's OpenAI-compatible server, api_base ending in /v1;
 * litellm/llms/hosted_vllm/chat/transformation.py: HostedVLLMChatConfig extends OpenAIGPTConfig),
 * {@code openai/} with an api_base for any other OpenAI-compatible server, {@code anthropic/} for the
 * Messages API.
 */
public record LiteLlmTargets(String localModel, String localApiBase, String cloudModel, String cloudApiBase, String cloudKeyEnv) {
    public static final String OLLAMA_BASE = "http://localhost:11434";
    private static final String OLLAMA_CHAT = "ollama_chat/", OLLAMA_LEGACY = "ollama/";

    /** As the command line gives them: the cloud at its provider's public endpoint. */
    public LiteLlmTargets(String localModel, String localApiBase, String cloudModel, String cloudKeyEnv) {
        this(localModel, localApiBase, cloudModel, null, cloudKeyEnv);
    }

    /** Defaults from bare model names: local through Ollama's native API; cloud by name (claude-* Anthropic, else OpenAI). */
    public static LiteLlmTargets defaults(String localModel, String cloudModel) {
        boolean anthropic = cloudModel != null && cloudModel.toLowerCase(Locale.ROOT).startsWith("claude");
        String cloud = cloudModel == null ? null : cloudModel.contains("/") ? cloudModel : (anthropic ? "anthropic/" : "openai/") + cloudModel;
        String local = localModel == null ? null : OLLAMA_CHAT + localModel;
        return new LiteLlmTargets(local, OLLAMA_BASE, cloud, null, anthropic ? "ANTHROPIC_API_KEY" : "OPENAI_API_KEY");
    }

    /** From the targets the rows were collected against: the prefix follows each target's protocol, not its model name. */
    public static LiteLlmTargets of(Target local, Target cloud) {
        String cloudKey = cloud.apiKeyEnv() != null ? cloud.apiKeyEnv()
                : cloud.api() == io.hybench.bench.client.ApiKind.ANTHROPIC ? "ANTHROPIC_API_KEY" : "OPENAI_API_KEY";
        return new LiteLlmTargets(model(local), apiBase(local), model(cloud), publicEndpoint(cloud) ? null : apiBase(cloud), cloudKey);
    }

    /**
     * The same targets with a local side that returns token logprobs. LiteLLM's {@code ollama_chat}
     * provider drops {@code logprobs} (litellm/llms/ollama/chat/transformation.py:
     * OllamaChatConfig.get_supported_openai_params has no logprobs), so a cascade on the mean token
     * logprob reaches Ollama through its OpenAI-compatible /v1 endpoint instead.
     */
    public LiteLlmTargets withLocalLogprobs() {
        String rest = localModel.startsWith(OLLAMA_CHAT) ? localModel.substring(OLLAMA_CHAT.length())
                : localModel.startsWith(OLLAMA_LEGACY) ? localModel.substring(OLLAMA_LEGACY.length()) : null;
        if (rest == null) return this;
        String base = localApiBase == null ? OLLAMA_BASE : localApiBase;
        return new LiteLlmTargets("openai/" + rest, v1(base), cloudModel, cloudApiBase, cloudKeyEnv);
    }

    private static String model(Target t) {
        return switch (t.api()) {
            case OLLAMA -> OLLAMA_CHAT + t.model();
            case ANTHROPIC -> "anthropic/" + t.model();
            case OPENAI -> switch (t.flavor()) {
                case VLLM -> "hosted_vllm/" + t.model();
                default -> "openai/" + t.model();
            };
        };
    }

    /** Ollama's native base as it is; OpenAI-compatible bases end in /v1 (LiteLLM appends /chat/completions). */
    private static String apiBase(Target t) {
        String base = stripSlash(t.baseUrl().toString());
        return t.api() == io.hybench.bench.client.ApiKind.OPENAI ? v1(base) : base;
    }

    private static boolean publicEndpoint(Target t) {
        String host = t.baseUrl().getHost();
        return host != null && (host.equals("api.openai.com") || host.equals("api.anthropic.com"));
    }

    private static String v1(String base) {
        String b = stripSlash(base);
        return b.endsWith("/v1") ? b : b + "/v1";
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
