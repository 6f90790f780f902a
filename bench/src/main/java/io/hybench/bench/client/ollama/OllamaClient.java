package io.hybench.bench.client.ollama;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybench.bench.client.ApiKey;
import io.hybench.bench.client.ApiKind;
import io.hybench.bench.client.ClientOptions;
import io.hybench.bench.client.Conversation;
import io.hybench.bench.client.GenerationRequest;
import io.hybench.bench.client.RecordBuilder;
import io.hybench.bench.client.RequestRecord;
import io.hybench.bench.client.RoleMessages;
import io.hybench.bench.client.RunClock;
import io.hybench.bench.client.StreamingClient;
import io.hybench.bench.client.Target;
import io.hybench.bench.client.http.HttpTransport;
import io.hybench.core.mapper.Json;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Ollama native streaming client: {@code POST /api/chat} (chat) or {@code /api/generate}, NDJSON.
 * Sends {@code options.num_predict} (maxTokens), {@code num_ctx}, {@code temperature}, {@code seed}
 * and {@code keep_alive}. Ollama cannot force an output length, so records never claim one.
 * A key, when the target names one, goes out as a bearer token (for proxies in front of Ollama).
 */
public final class OllamaClient implements StreamingClient {
    public static final String CHAT_PATH = "/api/chat";
    public static final String GENERATE_PATH = "/api/generate";

    /**
     * {@code /api/chat}'s tool fields: an assistant message that called the tool carries
     * {@code tool_calls} (Ollama's calls have no id and their arguments are an object), and the {@code tool} message
     * after it names the tool in {@code tool_name}.
     */
    private static final RoleMessages.ToolFields TOOLS = new RoleMessages.ToolFields() {
        @Override
        public void call(ObjectNode assistant, String callId) {
            assistant.putArray("tool_calls").addObject().putObject("function").put("name", Conversation.TOOL_NAME).putObject("arguments");
        }

        @Override
        public void answer(ObjectNode tool, Conversation.ToolResult result) {
            tool.put("tool_name", Conversation.TOOL_NAME);
        }
    };

    private final Target target;
    private final HttpTransport transport;
    private final HttpTransport.Endpoint chat;
    private final HttpTransport.Endpoint generate;

    public OllamaClient(Target target, ClientOptions options, RunClock clock, ApiKey key) {
        if (target.api() != ApiKind.OLLAMA) throw new IllegalArgumentException("target '" + target.name() + "' is not an Ollama target");
        this.target = target;
        this.transport = new HttpTransport(target, options, clock, key);
        Map<String, String> headers = key.value().map(k -> Map.of("authorization", "Bearer " + k)).orElse(Map.of());
        this.chat = transport.endpoint(CHAT_PATH, "application/x-ndjson", headers);
        this.generate = transport.endpoint(GENERATE_PATH, "application/x-ndjson", headers);
    }

    @Override
    public RequestRecord execute(GenerationRequest request, long intendedSendNanos) {
        return send(request, intendedSendNanos, null).await();
    }

    @Override
    public Sent send(GenerationRequest request, long intendedSendNanos) {
        return send(request, intendedSendNanos, null);
    }

    @Override
    public RequestRecord execute(GenerationRequest request, long intendedSendNanos, Consumer<String> onText) {
        return send(request, intendedSendNanos, onText).await();
    }

    private Sent send(GenerationRequest request, long intendedSendNanos, Consumer<String> onText) {
        HttpTransport.Endpoint endpoint = request.chat() ? chat : generate;
        RecordBuilder rec = new RecordBuilder(target, request, endpoint.path(), intendedSendNanos, false).onText(onText);
        return transport.start(transport.post(endpoint, body(request)), rec,
                new OllamaStreamParser(rec, transport.key()));
    }

    ObjectNode body(GenerationRequest r) {
        ObjectNode b = Json.MAPPER.createObjectNode();
        b.put("model", target.model());
        if (r.chat()) b.set("messages", RoleMessages.of(r.conversation(), TOOLS));
        else b.put("prompt", r.conversation().completionText());
        b.put("stream", true);
        ObjectNode options = Json.MAPPER.createObjectNode();
        if (r.output().maxTokens() != null) options.put("num_predict", r.output().maxTokens());
        if (r.ollama().numCtx() != null) options.put("num_ctx", r.ollama().numCtx());
        if (r.sampling().temperature() != null) options.put("temperature", r.sampling().temperature());
        if (r.sampling().seed() != null) options.put("seed", r.sampling().seed());
        if (!options.isEmpty()) b.set("options", options);
        if (r.ollama().keepAlive() != null) putKeepAlive(b, r.ollama().keepAlive());
        if (r.logprobs().requested()) {
            b.put("logprobs", true);
            if (r.logprobs().top() > 0) b.put("top_logprobs", r.logprobs().top());
        }
        return b;
    }

    /** Ollama reads a JSON number as seconds (negative: forever) and a string as a Go duration ("5m"); "-1" as a string is rejected. */
    private static void putKeepAlive(ObjectNode b, String keepAlive) {
        try {
            b.put("keep_alive", Long.parseLong(keepAlive.strip()));
        } catch (NumberFormatException notANumber) {
            b.put("keep_alive", keepAlive);
        }
    }

    @Override
    public void close() {
        transport.close();
    }
}
