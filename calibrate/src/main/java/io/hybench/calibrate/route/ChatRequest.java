package io.hybench.calibrate.route;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.hybench.bench.client.GenerationRequest;
import io.hybench.core.mapper.Json;

/**
 * A client's {@code POST /v1/chat/completions} as the router forwards it. The protocol clients send one
 * user message, so the router takes single-turn chat: one user message with string content (or text
 * parts). Anything else is a {@link BadRequest} naming the field, answered with an OpenAI-shaped 400.
 *
 * @param model        the model the client asked for, echoed in responses
 * @param prompt       the user message
 * @param stream       stream the answer as server-sent events
 * @param includeUsage {@code stream_options.include_usage}: send a usage chunk before {@code [DONE]}
 */
public record ChatRequest(String model, String prompt, boolean stream, boolean includeUsage, Integer maxTokens,
                          Double temperature, Long seed) {

    public static ChatRequest parse(byte[] body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadRequest("request body is not JSON: " + e.getOriginalMessage(), null);
        } catch (java.io.IOException e) {
            throw new BadRequest("request body unreadable: " + e.getMessage(), null);
        }
        if (root == null || !root.isObject()) throw new BadRequest("request body must be a JSON object", null);
        JsonNode model = root.get("model");
        if (model == null || !model.isTextual() || model.asText().isBlank()) throw new BadRequest("'model' is required: a string", "model");
        JsonNode messages = root.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) throw new BadRequest("'messages' is required: a non-empty array", "messages");
        if (messages.size() != 1 || !"user".equals(messages.get(0).path("role").asText())) {
            throw new BadRequest("hybench route forwards single-turn chat: 'messages' must hold exactly one user message, got "
                    + messages.size() + " message(s)", "messages");
        }
        String prompt = text(messages.get(0).get("content"));
        boolean stream = bool(root, "stream");
        boolean usage = stream && root.path("stream_options").path("include_usage").asBoolean(false);
        Integer maxTokens = positiveInt(root, "max_completion_tokens");
        if (maxTokens == null) maxTokens = positiveInt(root, "max_tokens");
        Double temperature = null;
        if (root.hasNonNull("temperature")) {
            JsonNode t = root.get("temperature");
            if (!t.isNumber() || t.asDouble() < 0 || t.asDouble() > 2) throw new BadRequest("'temperature' must be a number in 0..2", "temperature");
            temperature = t.asDouble();
        }
        Long seed = null;
        if (root.hasNonNull("seed")) {
            if (!root.get("seed").canConvertToLong()) throw new BadRequest("'seed' must be an integer", "seed");
            seed = root.get("seed").asLong();
        }
        if (root.path("n").asInt(1) != 1) throw new BadRequest("'n' must be 1: the router returns one choice", "n");
        return new ChatRequest(model.asText(), prompt, stream, usage, maxTokens, temperature, seed);
    }

    /**
     * The upstream request; the local side is asked for token logprobs (the confidence signal), the cloud
     * is not. {@code defaultMaxTokens} (nullable) caps the answer when the client set no cap (the Anthropic
     * API requires one).
     */
    public GenerationRequest upstream(String requestId, boolean logprobs, Integer defaultMaxTokens) {
        return GenerationRequest.chat(requestId, prompt, maxTokens != null ? maxTokens : defaultMaxTokens)
                .withSampling(new GenerationRequest.Sampling(temperature, seed)).withLogprobs(GenerationRequest.Logprobs.chosen(logprobs));
    }

    private static String text(JsonNode content) {
        if (content != null && content.isTextual()) return content.asText();
        if (content != null && content.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode part : content) {
                if (!"text".equals(part.path("type").asText()) || !part.path("text").isTextual()) {
                    throw new BadRequest("only text content parts are supported", "messages[0].content");
                }
                sb.append(part.get("text").asText());
            }
            return sb.toString();
        }
        throw new BadRequest("'messages[0].content' must be a string or an array of text parts", "messages[0].content");
    }

    private static boolean bool(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) return false;
        if (!v.isBoolean()) throw new BadRequest("'" + field + "' must be true or false", field);
        return v.asBoolean();
    }

    private static Integer positiveInt(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.canConvertToInt() || v.asInt() < 1) throw new BadRequest("'" + field + "' must be a positive integer", field);
        return v.asInt();
    }

    /** A client request the router cannot take; becomes an OpenAI-shaped 400. */
    public static final class BadRequest extends RuntimeException {
        private final String param;

        public BadRequest(String message, String param) {
            super(message);
            this.param = param;
        }

        public String param() {
            return param;
        }
    }
}
