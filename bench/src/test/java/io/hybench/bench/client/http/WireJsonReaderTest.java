package io.hybench.bench.client.http;

import com.fasterxml.jackson.core.JsonParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * One non-blocking parser reads a whole stream's frames: each frame must still be read as a blocking parser read it
 * alone, whatever the frame before it left behind.
 */
class WireJsonReaderTest {
    /** The top-level fields of a frame as {@code name=text}, each value's text ("" for a non-string). */
    static final class Fields implements WireJson.FieldReader {
        final List<String> read = new ArrayList<>();

        @Override
        public void field(String name, JsonParser p) throws IOException {
            read.add(name + "=" + WireJson.text(p));
        }
    }

    private static List<String> read(WireJson.Reader reader, String frame) {
        return bytes(reader, frame.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> bytes(WireJson.Reader reader, byte[] frame) {
        // the frame in the middle of a larger buffer, as the decoders hand it over
        byte[] buffer = new byte[frame.length + 4];
        System.arraycopy(frame, 0, buffer, 2, frame.length);
        buffer[0] = buffer[buffer.length - 1] = '{';
        return reader.object(buffer, 2, frame.length, Fields::new).read;
    }

    @Test
    void framesOfOneStreamReadInTurnWithWhatFollowedAnObjectIgnored() {
        WireJson.Reader reader = new WireJson.Reader();
        assertEquals(List.of("a=x", "b="), read(reader, "{\"a\":\"x\",\"b\":{\"c\":[1,{\"d\":2}]}}"));
        assertEquals(List.of("a=y"), read(reader, " {\"a\":\"y\"}\n "));
        assertEquals(List.of("a=z"), read(reader, "{\"a\":\"z\"} {\"ignored\":1")); // a blocking parser stops at the first object
        assertEquals(List.of("b=w"), read(reader, "{\"b\":\"w\"}]]"));
        assertEquals(List.of("a=v"), read(reader, "{\"a\":\"v\"}"));
        reader.close();
        assertEquals(List.of("a=u"), read(reader, "{\"a\":\"u\"}"));
    }

    @Test
    void aFrameThatEndsInsideItsObjectIsBrokenJsonAndTheNextReadsAlone() {
        WireJson.Reader reader = new WireJson.Reader();
        for (String truncated : List.of("{\"a\":", "{\"a\":\"x", "{\"a\":[1,", "{\"a\":{\"b\":1}", "{\"a\"", "{\"a\":tr")) {
            MalformedStreamException e = assertThrows(MalformedStreamException.class, () -> read(reader, truncated), truncated);
            assertEquals("frame is not valid JSON: " + truncated, e.getMessage());
            assertEquals(List.of("a=ok"), read(reader, "{\"a\":\"ok\"}"), "after " + truncated);
        }
        for (String other : List.of("", "  ", "12", "\"s\"", "[1]", "null")) {
            MalformedStreamException e = assertThrows(MalformedStreamException.class, () -> read(reader, other), other);
            assertEquals("frame is not a JSON object: " + other, e.getMessage());
            assertEquals(List.of("a=ok"), read(reader, "{\"a\":\"ok\"}"), "after " + other);
        }
    }

    @Test
    void invalidUtf8IsReadAsItsDecodedTextWasBefore() {
        WireJson.Reader reader = new WireJson.Reader();
        byte[] frame = {'{', '"', 'a', '"', ':', '"', 'x', (byte) 0xFF, 'y', '"', '}'};
        assertEquals(List.of("a=x\uFFFDy"), bytes(reader, frame)); // decoded with a replacement character, not refused
        assertEquals(List.of("a=ok"), read(reader, "{\"a\":\"ok\"}"));
    }
}
