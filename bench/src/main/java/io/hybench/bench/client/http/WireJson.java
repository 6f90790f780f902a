package io.hybench.bench.client.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybench.bench.client.TokenLogprob;
import io.hybench.core.mapper.Json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** JSON helpers shared by the protocol parsers. */
public final class WireJson {
    private WireJson() {
    }

    /** Parses one frame's JSON object. @throws MalformedStreamException if it is not a JSON object */
    public static JsonNode object(String frame) {
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(frame);
        } catch (IOException e) {
            throw new MalformedStreamException("frame is not valid JSON", frame, e);
        }
        if (n == null || !n.isObject()) throw new MalformedStreamException("frame is not a JSON object", frame, null);
        return n;
    }

    /** The text of a field when it is a non-empty string, else "" (absent, null, or another type). */
    public static String text(JsonNode parent, String field) {
        JsonNode v = parent == null ? null : parent.get(field);
        return v != null && v.isTextual() ? v.asText() : "";
    }

    /** An int field when present as a number, else null (protocols omit zero or unknown counts). */
    public static Integer intOrNull(JsonNode parent, String field) {
        JsonNode v = parent == null ? null : parent.get(field);
        return v != null && v.isNumber() ? v.intValue() : null;
    }

    /**
     * Per-token logprobs in the shape OpenAI chat and Ollama share:
     * {@code [{"token","logprob","bytes","top_logprobs":[{"token","logprob"}]}]}. Empty when not an array.
     */
    public static List<TokenLogprob> tokenLogprobs(JsonNode array) {
        if (array == null || !array.isArray()) return List.of();
        List<TokenLogprob> out = new ArrayList<>(array.size());
        for (JsonNode e : array) {
            List<TokenLogprob.Alternative> alts = new ArrayList<>();
            JsonNode top = e.get("top_logprobs");
            if (top != null && top.isArray()) {
                for (JsonNode a : top) alts.add(new TokenLogprob.Alternative(a.path("token").asText(), a.path("logprob").asDouble()));
            }
            out.add(new TokenLogprob(e.path("token").asText(), e.path("logprob").asDouble(), alts));
        }
        return out;
    }
}
