package io.hybench.bench.client.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybench.bench.client.ApiKey;
import io.hybench.bench.client.ErrorClass;
import io.hybench.bench.client.RequestError;
import io.hybench.core.mapper.Json;

import java.io.IOException;
import java.time.Instant;
import java.util.function.Function;

/**
 * Turns a server's error (non-2xx response, or an error object inside a stream) into a
 * {@link RequestError}, pulling the server's own message out of the body shapes of
 * shared/notes/wire-formats.md:
 * <ul>
 *   <li>Ollama native: {@code {"error":"..."}}</li>
 *   <li>OpenAI, Ollama /v1, vLLM >= 0.10.1: {@code {"error":{"message","type","param","code"}}}</li>
 *   <li>vLLM before 0.10.1: {@code {"object":"error","message","type","code"}}</li>
 *   <li>Anthropic: {@code {"type":"error","error":{"type","message"}}}</li>
 * </ul>
 * Anything else is quoted raw (shortened). Messages pass through {@link ApiKey#redact}.
 */
public final class ErrorMapping {
    private static final int MAX_MESSAGE_CHARS = 1000;
    private static final int TOO_MANY_REQUESTS = 429;
    private static final int SERVICE_UNAVAILABLE = 503;
    private static final int ANTHROPIC_OVERLOADED = 529;

    private ErrorMapping() {
    }

    /** The server's error as far as it can be read from a body: type/code (may be null) and message. */
    public record ServerMessage(String type, String message) {
        public String describe() {
            return type == null ? message : type + ": " + message;
        }
    }

    /**
     * A non-2xx response. 429 is rate limiting; 503 and 529 (or an overloaded_error body) are overload.
     *
     * @param header a response header's first value by name, null when absent
     */
    public static RequestError httpError(int status, Function<String, String> header, String body, ApiKey key) {
        ServerMessage m = parse(body);
        ErrorClass c = classify(m.type());
        if (status == TOO_MANY_REQUESTS) c = ErrorClass.RATE_LIMITED;
        else if (status == SERVICE_UNAVAILABLE || status == ANTHROPIC_OVERLOADED) c = ErrorClass.OVERLOADED;
        else if (c == null) c = ErrorClass.HTTP_STATUS;
        Long retryAfterMs = c == ErrorClass.HTTP_STATUS ? null : RetryAfter.millis(header, Instant.now());
        return new RequestError(c, status, key.redact("HTTP " + status + " " + m.describe()), retryAfterMs);
    }

    /** An error object that arrived inside a 200 stream. */
    public static RequestError inStream(ServerMessage m, ApiKey key) {
        ErrorClass c = classify(m.type());
        return new RequestError(c == null ? ErrorClass.STREAM_ERROR : c, null,
                key.redact("error in stream: " + m.describe()), null);
    }

    /** Reads the message from any known error body shape; the raw text when the shape is unknown. */
    public static ServerMessage parse(String body) {
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            n = null;
        }
        if (n != null && n.isObject()) {
            JsonNode err = n.get("error");
            if (err != null && err.isTextual()) return new ServerMessage(null, shorten(err.asText()));
            if (err != null && err.isObject() && err.hasNonNull("message")) {
                return new ServerMessage(typeOf(err), shorten(err.get("message").asText()));
            }
            if (n.hasNonNull("message")) return new ServerMessage(typeOf(n), shorten(n.get("message").asText()));
        }
        String raw = body == null ? "" : body.strip();
        return new ServerMessage(null, raw.isEmpty() ? "(empty body)" : shorten(raw));
    }

    /** OpenAI puts the specific reason in {@code code} ("rate_limit_exceeded"), Anthropic in {@code type}. */
    private static String typeOf(JsonNode err) {
        JsonNode code = err.get("code");
        if (code != null && code.isTextual()) return code.asText();
        JsonNode type = err.get("type");
        return type != null && type.isTextual() ? type.asText() : null;
    }

    private static ErrorClass classify(String type) {
        if (type == null) return null;
        return switch (type) {
            case "rate_limit_error", "rate_limit_exceeded" -> ErrorClass.RATE_LIMITED;
            case "overloaded_error" -> ErrorClass.OVERLOADED;
            default -> null;
        };
    }

    private static String shorten(String s) {
        return s.length() <= MAX_MESSAGE_CHARS ? s : s.substring(0, MAX_MESSAGE_CHARS) + "...";
    }
}
