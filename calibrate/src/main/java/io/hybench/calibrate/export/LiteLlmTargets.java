package io.hybench.calibrate.export;

import java.util.Locale;

/**
 * Where LiteLLM should reach each side: provider-prefixed model strings, the local server's base URL,
 * and the environment variable holding the cloud key (LiteLLM reads {@code os.environ/NAME}; a key
 * itself is never written).
 */
public record LiteLlmTargets(String localModel, String localApiBase, String cloudModel, String cloudKeyEnv) {
    public static final String OLLAMA_BASE = "http://localhost:11434";

    /** Defaults from bare model names: local through Ollama; cloud by name (claude-* Anthropic, else OpenAI). */
    public static LiteLlmTargets defaults(String localModel, String cloudModel) {
        boolean anthropic = cloudModel != null && cloudModel.toLowerCase(Locale.ROOT).startsWith("claude");
        String cloud = cloudModel == null ? null : cloudModel.contains("/") ? cloudModel : (anthropic ? "anthropic/" : "openai/") + cloudModel;
        String local = localModel == null ? null : localModel.contains("/") ? localModel : "ollama/" + localModel;
        return new LiteLlmTargets(local, OLLAMA_BASE, cloud, anthropic ? "ANTHROPIC_API_KEY" : "OPENAI_API_KEY");
    }
}
