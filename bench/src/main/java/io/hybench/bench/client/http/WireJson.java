package io.hybench.bench.client.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.NumberInput;
import io.hybench.bench.client.TokenLogprob;
import io.hybench.core.mapper.Json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The protocol parsers' JSON reading: a streaming read of one frame's object that visits its fields and
 * keeps only what the protocol uses (no tree per chunk). Values are read with the meaning Jackson's tree
 * gave them before ({@code JsonNode.asText/asInt/asDouble}, "" for a non-string text field), so what a
 * stream records is unchanged; every value not read is still tokenised, so broken JSON anywhere in the
 * frame fails the frame as before.
 */
public final class WireJson {
    /**
     * Jackson's default buffer recycling, one recycler per thread: a closed-loop user's thread keeps its own for all
     * its requests. (A shared concurrent pool, tried for the virtual threads, cost 15-20% of the chunk parsing in
     * its deque at 1,000 streams.)
     */
    private static final JsonFactory FACTORY = new JsonFactory();

    private WireJson() {
    }

    /** Reads the value of one field; the parser is on the value's first token and must be left on its last. */
    @FunctionalInterface
    public interface FieldReader {
        void field(String name, JsonParser p) throws IOException;
    }

    /**
     * Reads one frame's JSON object, handing every top-level field to {@code fields}. Callers collect what they
     * read and act on it only after this returns, so a frame broken halfway changes nothing.
     *
     * @throws MalformedStreamException if the frame is not valid JSON or not an object
     */
    public static void object(String frame, FieldReader fields) {
        try (JsonParser p = FACTORY.createParser(frame)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw notAnObject(frame);
            for (String name; (name = p.nextFieldName()) != null; ) {
                p.nextToken();
                fields.field(name, p);
            }
        } catch (IOException e) {
            throw new MalformedStreamException("frame is not valid JSON", frame, e);
        }
    }

    /** Which of the two messages a frame that does not start an object gets: broken JSON, or JSON of another kind. */
    private static MalformedStreamException notAnObject(String frame) {
        try {
            Json.MAPPER.readTree(frame);
        } catch (IOException e) {
            return new MalformedStreamException("frame is not valid JSON", frame, e);
        }
        return new MalformedStreamException("frame is not a JSON object", frame, null);
    }

    /** Reads the fields of a nested object (the parser on its value); any other value is skipped. */
    public static void fields(JsonParser p, FieldReader fields) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        for (String name; (name = p.nextFieldName()) != null; ) {
            p.nextToken();
            fields.field(name, p);
        }
    }

    /** Reads every element of an array (the parser on its value); any other value is skipped. @return whether it was an array */
    public static boolean elements(JsonParser p, ElementReader element) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            p.skipChildren();
            return false;
        }
        while (p.nextToken() != JsonToken.END_ARRAY) element.element(p);
        return true;
    }

    /** Reads one array element; the parser is on its first token and must be left on its last. */
    @FunctionalInterface
    public interface ElementReader {
        void element(JsonParser p) throws IOException;
    }

    /** The value when it is a string, else "" (null, a number, a container: skipped). */
    public static String text(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) return p.getText();
        p.skipChildren();
        return "";
    }

    /** Whether the value is anything but null (an {@code error} field that reports an error); the value is skipped. */
    public static boolean nonNull(JsonParser p) throws IOException {
        boolean nonNull = p.currentToken() != JsonToken.VALUE_NULL;
        p.skipChildren();
        return nonNull;
    }

    /** The value as an int when it is a number, else null (protocols omit zero or unknown counts). */
    public static Integer intOrNull(JsonParser p) throws IOException {
        if (p.currentToken().isNumeric()) return p.getNumberValue().intValue();
        p.skipChildren();
        return null;
    }

    /** {@code JsonNode.asText()}: a scalar's text, "null" for null, "" for a container. */
    public static String asText(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) return p.getText();
        if (t.isNumeric()) return p.getNumberValue().toString();
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE || t == JsonToken.VALUE_NULL) return t.asString();
        p.skipChildren();
        return "";
    }

    /** {@code JsonNode.asDouble()}: a number, a numeric string, 1/0 for a boolean, else 0. */
    public static double asDouble(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t.isNumeric()) return p.getNumberValue().doubleValue();
        if (t == JsonToken.VALUE_STRING) return NumberInput.parseAsDouble(p.getText(), 0.0, false);
        if (t == JsonToken.VALUE_TRUE) return 1.0;
        p.skipChildren();
        return 0.0;
    }

    /** {@code JsonNode.asLong(0)}: a number, a numeric string, 1/0 for a boolean, else 0. */
    public static long asLong(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t.isNumeric()) return p.getNumberValue().longValue();
        if (t == JsonToken.VALUE_STRING) return NumberInput.parseAsLong(p.getText(), 0L);
        if (t == JsonToken.VALUE_TRUE) return 1L;
        p.skipChildren();
        return 0L;
    }

    /** {@code JsonNode.asInt(0)}: a number, a numeric string, 1/0 for a boolean, else 0. */
    public static int asInt(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t.isNumeric()) return p.getNumberValue().intValue();
        if (t == JsonToken.VALUE_STRING) return NumberInput.parseAsInt(p.getText(), 0);
        if (t == JsonToken.VALUE_TRUE) return 1;
        p.skipChildren();
        return 0;
    }

    /** {@code JsonNode.asBoolean(false)}: true, a non-zero integer, or the string "true". */
    public static boolean asBoolean(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_TRUE) return true;
        if (t == JsonToken.VALUE_NUMBER_INT) return p.getNumberValue().longValue() != 0;
        if (t == JsonToken.VALUE_STRING) return "true".equals(p.getText().trim());
        p.skipChildren();
        return false;
    }

    /**
     * Per-token logprobs in the shape OpenAI chat and Ollama share:
     * {@code [{"token","logprob","bytes","top_logprobs":[{"token","logprob"}]}]}. Empty when not an array.
     */
    public static List<TokenLogprob> tokenLogprobs(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            p.skipChildren();
            return List.of();
        }
        List<TokenLogprob> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            Entry e = new Entry();
            fields(p, (name, v) -> {
                switch (name) {
                    case "token" -> e.token = asText(v);
                    case "logprob" -> e.logprob = asDouble(v);
                    case "top_logprobs" -> {
                        e.alternatives = new ArrayList<>();
                        elements(v, a -> {
                            Entry alt = new Entry();
                            fields(a, (n, av) -> {
                                switch (n) {
                                    case "token" -> alt.token = asText(av);
                                    case "logprob" -> alt.logprob = asDouble(av);
                                    default -> av.skipChildren();
                                }
                            });
                            e.alternatives.add(new TokenLogprob.Alternative(alt.token, alt.logprob));
                        });
                    }
                    default -> v.skipChildren();
                }
            });
            out.add(new TokenLogprob(e.token, e.logprob, e.alternatives));
        }
        return out;
    }

    /** One logprob entry as read; the tree's defaults for what is absent. */
    private static final class Entry {
        String token = "";
        double logprob;
        List<TokenLogprob.Alternative> alternatives = List.of();
    }
}
