package io.hybench.bench.client;

import io.hybench.bench.client.anthropic.AnthropicClient;
import io.hybench.bench.client.ollama.OllamaClient;
import io.hybench.bench.client.openai.OpenAiClient;

/** Builds the one {@link StreamingClient} implementation for a target's protocol. */
public final class StreamingClients {
    private StreamingClients() {
    }

    /**
     * A client for {@code target}, its API key read from the environment variable the target names.
     *
     * @throws IllegalArgumentException when that variable is unset
     */
    public static StreamingClient create(Target target, ClientOptions options, RunClock clock) {
        return create(target, options, clock, ApiKey.fromEnvironment(target, System::getenv));
    }

    public static StreamingClient create(Target target, ClientOptions options, RunClock clock, ApiKey key) {
        return switch (target.api()) {
            case OLLAMA -> new OllamaClient(target, options, clock, key);
            case OPENAI -> new OpenAiClient(target, options, clock, key);
            case ANTHROPIC -> new AnthropicClient(target, options, clock, key);
        };
    }
}
