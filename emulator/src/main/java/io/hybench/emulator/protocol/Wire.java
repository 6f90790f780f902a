package io.hybench.emulator.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybench.core.mapper.Json;

import java.util.List;

/** JSON building blocks shared by the front-ends (objects keep insertion order, as the real servers' structs do). */
final class Wire {
    private Wire() {
    }

    static ObjectNode object() {
        return Json.MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return Json.MAPPER.createArrayNode();
    }

    static String json(JsonNode node) {
        try {
            return Json.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ArrayNode bytes(TokenText.Candidate c) {
        ArrayNode a = array();
        for (byte b : c.utf8()) a.add(b & 0xff);
        return a;
    }

    /** OpenAI/Ollama per-token logprob entry: token, logprob, bytes, top_logprobs. */
    static ObjectNode tokenLogprob(List<TokenText.Candidate> candidates) {
        TokenText.Candidate chosen = candidates.get(0);
        ObjectNode o = object().put("token", chosen.text()).put("logprob", chosen.logprob());
        o.set("bytes", bytes(chosen));
        ArrayNode top = o.putArray("top_logprobs");
        if (candidates.size() > 1) {
            for (TokenText.Candidate c : candidates) {
                ObjectNode t = top.addObject().put("token", c.text()).put("logprob", c.logprob());
                t.set("bytes", bytes(c));
            }
        }
        return o;
    }

    static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** An optional integer field; a present non-integer is a client error naming the field. */
    static Integer integer(JsonNode body, String field) throws ApiError {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.canConvertToInt() || !v.isIntegralNumber()) throw ApiError.invalid(field + " must be an integer");
        return v.asInt();
    }

    /** An optional number field; a present non-number is a client error naming the field. */
    static Double number(JsonNode body, String field) throws ApiError {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isNumber()) throw ApiError.invalid(field + " must be a number");
        return v.asDouble();
    }

    /** The text of the last message whose role is "user", or null when there is none. */
    static String lastUserText(JsonNode messages) {
        if (messages == null || !messages.isArray()) return null;
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode m = messages.get(i);
            if ("user".equals(m.path("role").asText())) return contentText(m.get("content"));
        }
        return null;
    }

    static boolean bool(JsonNode body, String field, boolean fallback) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? fallback : v.asBoolean();
    }

    /**
     * Concatenated text of a message's content: a string or an array of parts, read in order: {type:text,text}
     * parts and Anthropic {@code tool_result} blocks (whose own content is a string or text parts); other parts
     * (a {@code tool_use} call, images) add no text.
     */
    static String contentText(JsonNode content) {
        if (content == null || content.isNull()) return "";
        if (content.isTextual()) return content.asText();
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : content) {
            JsonNode t = part.get("text");
            if (t != null) sb.append(t.asText());
            else if ("tool_result".equals(part.path("type").asText())) sb.append(contentText(part.get("content")));
        }
        return sb.toString();
    }
}
