package io.hybench.bench.client.anthropic;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybench.bench.client.ApiKey;
import io.hybench.bench.client.ApiKind;
import io.hybench.bench.client.ClientOptions;
import io.hybench.bench.client.Conversation;
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

    /** The simulated tool's definition, sent whenever the history holds tool blocks, as an agent's request does (Bedrock refuses them otherwise). */
    private static final ArrayNode TOOLS = Json.MAPPER.createArrayNode();

    static {
        ObjectNode tool = TOOLS.addObject().put("name", Conversation.TOOL_NAME).put("description", "Looks up information for the conversation.");
        tool.putObject("input_schema").put("type", "object").putObject("properties");
    }

    private final Target target;
    private final HttpTransport transport;
    private final HttpTransport.Endpoint endpoint;

    public AnthropicClient(Target target, ClientOptions options, RunClock clock, ApiKey key) {
        if (target.api() != ApiKind.ANTHROPIC) throw new IllegalArgumentException("target '" + target.name() + "' is not an Anthropic target");
        this.target = target;
        this.transport = new HttpTransport(target, options, clock, key);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("anthropic-version", API_VERSION);
        key.value().ifPresent(k -> headers.put("x-api-key", k));
        this.endpoint = transport.endpoint(PATH, "text/event-stream", headers);
    }

    /** @throws IllegalArgumentException for a completion request or one without maxTokens */
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
        if (!request.chat()) throw new IllegalArgumentException("request " + request.requestId() + ": Anthropic has only the Messages (chat) API");
        if (request.output().maxTokens() == null) throw new IllegalArgumentException("request " + request.requestId() + ": Anthropic requires max_tokens; set maxTokens");
        RecordBuilder rec = new RecordBuilder(target, request, PATH, intendedSendNanos, false).onText(onText);
        return transport.start(transport.post(endpoint, body(request)), rec,
                new AnthropicStreamParser(rec, transport.key()));
    }

    ObjectNode body(GenerationRequest r) {
        ObjectNode b = Json.MAPPER.createObjectNode();
        b.put("model", target.model());
        b.put("max_tokens", r.output().maxTokens());
        Conversation c = r.conversation();
        if (c.system() != null) b.put("system", c.system());
        b.set("messages", messages(c));
        if (c.callsTools()) b.set("tools", TOOLS.deepCopy());
        b.put("stream", true);
        if (r.sampling().temperature() != null) b.put("temperature", r.sampling().temperature());
        if (r.promptCaching() == PromptCaching.AUTO) CacheControl.markConversation(b);
        return b;
    }

    /**
     * The conversation as Messages API turns (the system prompt goes top-level): an assistant turn that called the
     * tool ends with a {@code tool_use} block, and the next user turn opens with the {@code tool_result} block
     * answering it by {@code tool_use_id}, followed by the user's text. Plain turns keep string content.
     */
    static ArrayNode messages(Conversation c) {
        ArrayNode messages = Json.MAPPER.createArrayNode();
        ArrayNode pendingResults = null;
        for (Conversation.Message m : c.messages()) {
            switch (m) {
                case Conversation.ToolResult t -> {
                    if (pendingResults == null) pendingResults = Json.MAPPER.createArrayNode();
                    pendingResults.addObject().put("type", "tool_result").put("tool_use_id", t.toolCallId()).put("content", t.text());
                }
                case Conversation.User u -> {
                    ObjectNode o = messages.addObject().put("role", "user");
                    if (pendingResults == null) o.put("content", u.text());
                    else {
                        pendingResults.addObject().put("type", "text").put("text", u.text());
                        o.set("content", pendingResults);
                        pendingResults = null;
                    }
                }
                case Conversation.Assistant a -> {
                    ObjectNode o = messages.addObject().put("role", "assistant");
                    if (a.toolCallId() == null) o.put("content", a.text());
                    else {
                        ArrayNode blocks = o.putArray("content");
                        if (!a.text().isEmpty()) blocks.addObject().put("type", "text").put("text", a.text());
                        blocks.addObject().put("type", "tool_use").put("id", a.toolCallId()).put("name", Conversation.TOOL_NAME).putObject("input");
                    }
                }
            }
        }
        return messages;
    }

    @Override
    public void close() {
        transport.close();
    }
}
