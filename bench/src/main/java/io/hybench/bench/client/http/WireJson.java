package io.hybench.bench.client.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.core.io.NumberInput;
import io.hybench.bench.client.TokenLogprob;
import io.hybench.core.mapper.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

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
     * its requests. (A shared concurrent pool, tried for the virtual threads when a parser was made per chunk, cost
     * 15-20% of the chunk parsing in its deque at 1,000 streams; a {@link Reader} now takes buffers once per stream,
     * and holds only a parser's small text buffer.)
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
     * One stream's frames, read by one non-blocking parser fed each frame's bytes in turn as the next of a sequence
     * of root values: no parser, read context, buffers or text decoding per frame. Not thread-safe; one per stream,
     * {@linkplain #close closed} when the stream is done so its buffers and field names go back for the next.
     */
    public static final class Reader implements AutoCloseable {
        private JsonParser parser; // null: none yet, or the last frame left it where the next could not start

        /**
         * Reads one frame's JSON object (UTF-8), handing every top-level field to a fresh {@code holder}, which is
         * returned. Callers act on what it read only after this returns, so a frame broken halfway changes nothing.
         * Bytes the byte parser refuses (e.g. invalid UTF-8) are read again as decoded text, as they always were,
         * into a fresh holder: the outcome is the text parser's, the same as before this reader.
         *
         * @throws MalformedStreamException if the frame is not valid JSON or not an object
         */
        public <H extends FieldReader> H object(byte[] bytes, int offset, int length, Supplier<H> holder) {
            JsonParser p = parser;
            boolean reusable = false;
            try {
                if (p == null) p = parser = FACTORY.createNonBlockingByteArrayParser();
                ((ByteArrayFeeder) p.getNonBlockingInputFeeder()).feedInput(bytes, offset, offset + length);
                if (p.nextToken() != JsonToken.START_OBJECT) throw notAnObject(utf8(bytes, offset, length));
                H fields = holder.get();
                readFields(p, fields);
                reusable = atRest(p);
                return fields;
            } catch (IOException e) {
                return fromText(utf8(bytes, offset, length), holder.get());
            } finally {
                if (!reusable) close();
            }
        }

        /** Whether nothing but whitespace followed the object (then consumed); else the parser is dropped, and what followed ignored as before. */
        private static boolean atRest(JsonParser p) {
            try {
                return p.nextToken() == JsonToken.NOT_AVAILABLE;
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public void close() {
            JsonParser p = parser;
            parser = null;
            if (p == null) return;
            try {
                p.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e); // a byte-array parser has no source to fail closing
            }
        }
    }

    /** Reads one frame's object from its text: every top-level field to {@code fields}. */
    private static <H extends FieldReader> H fromText(String frame, H fields) {
        try (JsonParser p = FACTORY.createParser(frame)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw notAnObject(frame);
            readFields(p, fields);
            return fields;
        } catch (IOException e) {
            throw new MalformedStreamException("frame is not valid JSON", frame, e);
        }
    }

    private static String utf8(byte[] bytes, int offset, int length) {
        return new String(bytes, offset, length, StandardCharsets.UTF_8);
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

    /** Every field of the object the parser is on, to {@code fields}; the parser is left on its end. */
    private static void readFields(JsonParser p, FieldReader fields) throws IOException {
        for (String name; (name = nextFieldName(p)) != null; ) {
            next(p);
            fields.field(name, p);
        }
    }

    /**
     * The next field's name, or null at the object's end. A non-blocking parser runs out of input (one frame) mid-object
     * in a truncated frame: broken JSON, as a blocking parser reports it. (Its current token is not updated then, so
     * the token returned is what tells.)
     */
    private static String nextFieldName(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.FIELD_NAME) return p.currentName();
        if (t == JsonToken.END_OBJECT) return null;
        throw truncated(p);
    }

    /** The next token; a frame that ran out mid-value is broken JSON. */
    private static JsonToken next(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.NOT_AVAILABLE || t == null) throw truncated(p);
        return t;
    }

    private static JsonParseException truncated(JsonParser p) {
        return new JsonParseException(p, "unexpected end of frame");
    }

    /** Whether the first of {@code length} bytes from {@code offset} that is not JSON whitespace is {@code {}: the frame may be an object. */
    public static boolean startsObject(byte[] bytes, int offset, int length) {
        for (int i = offset, end = offset + length; i < end; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') return b == '{';
        }
        return false;
    }

    /** Reads the fields of a nested object (the parser on its value); any other value is skipped. */
    public static void fields(JsonParser p, FieldReader fields) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        readFields(p, fields);
    }

    /** Reads every element of an array (the parser on its value); any other value is skipped. @return whether it was an array */
    public static boolean elements(JsonParser p, ElementReader element) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            p.skipChildren();
            return false;
        }
        while (next(p) != JsonToken.END_ARRAY) element.element(p);
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
        while (next(p) != JsonToken.END_ARRAY) {
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
