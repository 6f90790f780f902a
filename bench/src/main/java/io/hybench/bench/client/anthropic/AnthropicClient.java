package io.hybench.bench.client.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybench.bench.client.ApiKey;
import io.hybench.bench.client.ApiKind;
import io.hybench.bench.client.ClientOptions;
import io.hybench.bench.client.GenerationRequest;
import io.hybench.bench.client.PromptCaching;
import io.hybench.bench.client.RecordBuilder;
import io.hybench.bench.client.RequestRecord;
import io.hybench.bench.client.RunClock;
import io.hybench.bench.client.StreamingClient;
import io.hybench.bench.client.Target;
import io.hybench.bench.client.http.HttpTransport;
import io.hybench.core.mapper.Json;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Anthropic Messages streaming client: {@code POST /v1/messages} with {@code stream: true}, the key
 * in {@code x-api-key} and {@code anthropic-version: 2023-06-01}. The API has no completion endpoint
 * and requires {@code max_tokens}, so requests must be chat requests with a token cap.
 */
public final class AnthropicClient implements StreamingClient {
    public static final String PATH = "/v1/messages";
    static final String API_VERSION = "2023-06-01";

    private final Target target;
    private final HttpTransport transport;

    public AnthropicClient(Target target, ClientOptions options, RunClock clock, ApiKey key) {
        if (target.api() != ApiKind.ANTHROPIC) throw new IllegalArgumentException("target '" + target.name() + "' is not an Anthropic target");
        this.target = target;
        this.transport = new HttpTransport(target, options, clock, key);
    }

    /** @throws IllegalArgumentException for a completion request or one without maxTokens */
    @Override
    public RequestRecord execute(GenerationRequest request, long intendedSendNanos) {
        return execute(request, intendedSendNanos, null);
    }

    @Override
    public RequestRecord execute(GenerationRequest request, long intendedSendNanos, Consumer<String> onText) {
        if (!request.chat()) throw new IllegalArgumentException("request " + request.requestId() + ": Anthropic has only the Messages (chat) API");
        if (request.output().maxTokens() == null) throw new IllegalArgumentException("request " + request.requestId() + ": Anthropic requires max_tokens; set maxTokens");
        RecordBuilder rec = new RecordBuilder(target, request, PATH, intendedSendNanos, false).onText(onText);
        ObjectNode body = body(request);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("anthropic-version", API_VERSION);
        transport.key().value().ifPresent(k -> headers.put("x-api-key", k));
        return transport.exchange(transport.post(PATH, body, "text/event-stream", headers), rec,
                new AnthropicStreamParser(rec, transport.key()));
    }

    ObjectNode body(GenerationRequest r) {
        ObjectNode b = Json.MAPPER.createObjectNode();
        b.put("model", target.model());
        b.put("max_tokens", r.output().maxTokens());
        b.putArray("messages").addObject().put("role", "user").put("content", r.prompt());
        b.put("stream", true);
        if (r.sampling().temperature() != null) b.put("temperature", r.sampling().temperature());
        if (r.promptCaching() == PromptCaching.AUTO) CacheControl.markConversation(b);
        return b;
    }

    @Override
    public void close() {
        transport.close();
    }
}
