package io.hybench.calibrate.route;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybench.bench.client.RequestRecord;
import io.hybench.core.mapper.Json;

import java.nio.charset.StandardCharsets;

/**
 * The OpenAI chat-completions shapes the router answers with: a {@code chat.completion} object, or
 * {@code chat.completion.chunk} server-sent events ending in {@code data: [DONE]}, and error objects
 * {@code {"error": {message, type, param, code}}}. One instance per response (id, model, created).
 */
final class OpenAiWire {
    static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);
    private final String id, model;
    private final long created;

    OpenAiWire(String id, String model, long createdEpochSeconds) {
        this.id = id;
        this.model = model;
        this.created = createdEpochSeconds;
    }

    /** The whole answer, non-streaming. Usage is the answering side's, as its server counted it. */
    byte[] completion(RequestRecord answer) {
        ObjectNode o = head("chat.completion");
        ObjectNode choice = o.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", answer.reply().text());
        choice.put("finish_reason", finishReason(answer));
        usage(o, answer);
        return bytes(o);
    }

    /** The first chunk: the assistant role, no content yet. */
    byte[] roleChunk() {
        return chunk(Json.MAPPER.createObjectNode().put("role", "assistant").put("content", ""), null);
    }

    byte[] contentChunk(String text) {
        return chunk(Json.MAPPER.createObjectNode().put("content", text), null);
    }

    byte[] finishChunk(RequestRecord answer) {
        return chunk(Json.MAPPER.createObjectNode(), finishReason(answer));
    }

    private byte[] chunk(ObjectNode delta, String finishReason) {
        ObjectNode o = head("chat.completion.chunk");
        ObjectNode choice = o.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.put("finish_reason", finishReason);
        return event(o);
    }

    /** {@code stream_options.include_usage}: a chunk with no choices and the usage, before [DONE]. */
    byte[] usageChunk(RequestRecord answer) {
        ObjectNode o = head("chat.completion.chunk");
        o.putArray("choices");
        usage(o, answer);
        return event(o);
    }

    /** An error after the stream began: an event holding the error object, after which the stream ends without [DONE]. */
    static byte[] errorEvent(String message, String type) {
        return event(error(message, type, null));
    }

    static byte[] errorBody(String message, String type, String param) {
        return bytes(error(message, type, param));
    }

    static byte[] models(String id, long created) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("object", "list");
        ObjectNode m = o.putArray("data").addObject();
        m.put("id", id).put("object", "model").put("created", created).put("owned_by", "hybench");
        return bytes(o);
    }

    private static ObjectNode error(String message, String type, String param) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        ObjectNode e = o.putObject("error");
        e.put("message", message).put("type", type);
        if (param == null) e.putNull("param");
        else e.put("param", param);
        e.putNull("code");
        return o;
    }

    private ObjectNode head(String object) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", id).put("object", object).put("created", created).put("model", model);
        return o;
    }

    private static String finishReason(RequestRecord r) {
        String f = r.reply().finishReason();
        if (f == null) return "stop";
        return switch (f) {
            case "length", "max_tokens" -> "length"; // OpenAI, Anthropic
            default -> "stop";
        };
    }

    private static void usage(ObjectNode o, RequestRecord r) {
        ObjectNode u = o.putObject("usage");
        int in = r.tokens().inputTokens() == null ? 0 : r.tokens().inputTokens(), out = r.tokens().outputTokens() == null ? 0 : r.tokens().outputTokens();
        u.put("prompt_tokens", in).put("completion_tokens", out).put("total_tokens", in + out);
    }

    private static byte[] event(ObjectNode o) {
        byte[] json = bytes(o);
        byte[] e = new byte[json.length + 8];
        System.arraycopy("data: ".getBytes(StandardCharsets.US_ASCII), 0, e, 0, 6);
        System.arraycopy(json, 0, e, 6, json.length);
        e[e.length - 2] = '\n';
        e[e.length - 1] = '\n';
        return e;
    }

    private static byte[] bytes(ObjectNode o) {
        try {
            return Json.MAPPER.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
