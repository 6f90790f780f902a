package io.hybench.bench.client.protocols;

import io.hybench.bench.client.ApiKey;
import io.hybench.bench.client.ApiKind;
import io.hybench.bench.client.ClientOptions;
import io.hybench.bench.client.RecordBuilder;
import io.hybench.bench.client.RunClock;
import io.hybench.bench.client.StreamingClient;
import io.hybench.bench.client.Target;
import io.hybench.bench.client.anthropic.AnthropicClient;
import io.hybench.bench.client.anthropic.AnthropicStreamParser;
import io.hybench.bench.client.http.StreamParser;
import io.hybench.bench.client.ollama.OllamaClient;
import io.hybench.bench.client.ollama.OllamaStreamParser;
import io.hybench.bench.client.openai.OpenAiClient;
import io.hybench.bench.client.openai.OpenAiStreamParser;

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

    /**
     * The body reader a client of {@code api} uses for one request, writing into {@code rec}: what each
     * client does with every delivered chunk, for the harness's JMH suite to measure without a network.
     */
    public static StreamParser streamParser(ApiKind api, RecordBuilder rec, ApiKey key) {
        return switch (api) {
            case OLLAMA -> new OllamaStreamParser(rec, key);
            case OPENAI -> new OpenAiStreamParser(rec, key);
            case ANTHROPIC -> new AnthropicStreamParser(rec, key);
        };
    }
}
