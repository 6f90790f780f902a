package io.hybench.calibrate.route;

import io.hybench.bench.client.ApiKind;
import io.hybench.bench.client.ClientOptions;
import io.hybench.bench.client.GenerationRequest;
import io.hybench.bench.client.RequestRecord;
import io.hybench.bench.client.RunClock;
import io.hybench.bench.client.StreamingClient;
import io.hybench.bench.client.protocols.StreamingClients;
import io.hybench.bench.client.Target;

import java.util.function.Consumer;

/**
 * One side the router forwards to, through the project's streaming client for the target's protocol
 * (Ollama native, OpenAI-compatible or Anthropic). The API key is read from the environment variable
 * the target names and lives only inside the client.
 */
final class Upstream implements AutoCloseable {
    /** Anthropic's max_tokens when the client set none: room for any answer the question sets ask for. */
    static final int ANTHROPIC_DEFAULT_MAX_TOKENS = 4096;
    private final Target target;
    private final StreamingClient client;
    private final RunClock clock;

    Upstream(Target target, RunClock clock) {
        this.target = target;
        this.clock = clock;
        this.client = StreamingClients.create(target, ClientOptions.DEFAULTS, clock);
    }

    Target target() {
        return target;
    }

    /** The answer cap sent when the client gave none: the Anthropic API requires one; other protocols use the server's default. */
    Integer defaultMaxTokens() {
        return target.api() == ApiKind.ANTHROPIC ? ANTHROPIC_DEFAULT_MAX_TOKENS : null;
    }

    /** Streams the request and blocks until it ends; {@code onText} (nullable) gets each part of the answer text as it arrives. */
    RequestRecord call(GenerationRequest request, Consumer<String> onText) {
        return client.execute(request, clock.nanos(), onText);
    }

    @Override
    public void close() {
        client.close();
    }
}
