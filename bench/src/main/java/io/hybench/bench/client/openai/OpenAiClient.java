package io.hybench.bench.client.openai;

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
import io.hybench.bench.client.ServerFlavor;
import io.hybench.bench.client.StreamingClient;
import io.hybench.bench.client.Target;
import io.hybench.bench.client.http.HttpTransport;
import io.hybench.core.mapper.Json;

import java.util.Map;
import java.util.function.Consumer;

/**
 * OpenAI-compatible streaming client: {@code POST /v1/chat/completions} (chat) or
 * {@code /v1/completions}, SSE, with {@code stream_options.include_usage} so usage arrives in the
 * final chunk. vLLM's {@code ignore_eos}/{@code min_tokens} are sent only to {@link ServerFlavor#VLLM}
 * targets (other servers reject unknown fields). The base URL is the server root; the paths carry {@code /v1}.
 */
public final class OpenAiClient implements StreamingClient {
    public static final String CHAT_PATH = "/v1/chat/completions";
    public static final String COMPLETIONS_PATH = "/v1/completions";

    /**
     * Chat Completions' tool fields: an assistant message that called the tool carries {@code tool_calls}
     * (function arguments as a JSON string) and the {@code tool} message after it answers by {@code tool_call_id}.
     */
    private static final RoleMessages.ToolFields TOOLS = new RoleMessages.ToolFields() {
        @Override
        public void call(ObjectNode assistant, String callId) {
            assistant.putArray("tool_calls").addObject().put("id", callId).put("type", "function")
                    .putObject("function").put("name", Conversation.TOOL_NAME).put("arguments", "{}");
        }

        @Override
        public void answer(ObjectNode tool, Conversation.ToolResult result) {
            tool.put("tool_call_id", result.toolCallId());
        }
    };

    private final Target target;
    private final HttpTransport transport;
    private final HttpTransport.Endpoint chat;
    private final HttpTransport.Endpoint completions;

    public OpenAiClient(Target target, ClientOptions options, RunClock clock, ApiKey key) {
        if (target.api() != ApiKind.OPENAI) throw new IllegalArgumentException("target '" + target.name() + "' is not an OpenAI-compatible target");
        this.target = target;
        this.transport = new HttpTransport(target, options, clock, key);
        Map<String, String> headers = key.value().map(k -> Map.of("authorization", "Bearer " + k)).orElse(Map.of());
        this.chat = transport.endpoint(CHAT_PATH, "text/event-stream", headers);
        this.completions = transport.endpoint(COMPLETIONS_PATH, "text/event-stream", headers);
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
        HttpTransport.Endpoint endpoint = request.chat() ? chat : completions;
        boolean forced = request.output().forceOutputLength() && target.flavor() == ServerFlavor.VLLM;
        RecordBuilder rec = new RecordBuilder(target, request, endpoint.path(), intendedSendNanos, forced).onText(onText);
        return transport.start(transport.post(endpoint, body(request, forced)), rec,
                new OpenAiStreamParser(rec, transport.key()));
    }

    ObjectNode body(GenerationRequest r, boolean forced) {
        ObjectNode b = Json.MAPPER.createObjectNode();
        b.put("model", target.model());
        if (r.chat()) b.set("messages", RoleMessages.of(r.conversation(), TOOLS));
        else b.put("prompt", r.conversation().completionText());
        b.put("stream", true);
        b.putObject("stream_options").put("include_usage", true);
        if (r.output().maxTokens() != null) {
            // OpenAI's newer models reject max_tokens on chat; Ollama /v1 reads only max_tokens.
            boolean modern = r.chat() && target.flavor() == ServerFlavor.OPENAI;
            b.put(modern ? "max_completion_tokens" : "max_tokens", r.output().maxTokens());
        }
        if (r.sampling().temperature() != null) b.put("temperature", r.sampling().temperature());
        if (r.sampling().seed() != null) b.put("seed", r.sampling().seed());
        if (r.logprobs().requested()) {
            if (r.chat()) {
                b.put("logprobs", true);
                if (r.logprobs().top() > 0) b.put("top_logprobs", r.logprobs().top());
            } else {
                b.put("logprobs", r.logprobs().top()); // legacy completions: an int, alternatives per token
            }
        }
        if (forced) {
            b.put("ignore_eos", true);
            b.put("min_tokens", r.output().maxTokens());
        }
        return b;
    }

    @Override
    public void close() {
        transport.close();
    }
}
