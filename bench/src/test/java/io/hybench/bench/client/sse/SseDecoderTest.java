package io.hybench.bench.client.sse;

import io.hybench.bench.client.http.Pieces;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SseDecoderTest {

    /** Decodes {@code bytes} fed in pieces cut at {@code cuts}; piece k arrives at time k, EOF at time pieces. */
    static List<SseEvent> decode(byte[] bytes, int... cuts) {
        List<SseEvent> out = new ArrayList<>();
        SseDecoder d = new SseDecoder(out::add);
        Pieces.feed(d, bytes, Pieces.of(cuts));
        return out;
    }

    static List<SseEvent> decode(String s, int... cuts) {
        return decode(s.getBytes(StandardCharsets.UTF_8), cuts);
    }

    @Test
    void joinsMultiLineDataAndStripsOneSpace() {
        List<SseEvent> ev = decode("data:  two spaces\ndata:none\ndata\n\n");
        assertEquals(List.of(new SseEvent("message", " two spaces\nnone\n", "", 0)), ev);
    }

    @Test
    void crAtEndOfOneReadAndLfAtStartOfNextIsOneLineEnd() {
        byte[] b = "data: a\r\n\r\ndata: b\r\n\r\n".getBytes(StandardCharsets.UTF_8);
        // cut right after the first CR: a lone LF arriving next must not count as an empty line
        assertEquals(List.of(new SseEvent("message", "a", "", 1), new SseEvent("message", "b", "", 1)), decode(b, 8));
    }

    @Test
    void bareCrAndBareLfBothEndLines() {
        assertEquals(List.of(new SseEvent("message", "x", "", 0), new SseEvent("message", "y", "", 0)),
                decode("data: x\r\rdata: y\n\n"));
    }

    @Test
    void commentsAndKeepalivesAreIgnoredAndEventWithoutDataIsNotDispatched() {
        List<SseEvent> ev = decode(": OPENROUTER PROCESSING\n\nevent: ping\n\n:\nevent: done\ndata: [DONE]\n\n");
        assertEquals(List.of(new SseEvent("done", "[DONE]", "", 0)), ev);
    }

    @Test
    void idPersistsAcrossEventsAndIdWithNulIsIgnored() {
        List<SseEvent> ev = decode("id: 7\ndata: a\n\nid: x\0y\ndata: b\n\nid\ndata: c\n\n");
        assertEquals(List.of("7", "7", ""), ev.stream().map(SseEvent::lastEventId).toList());
    }

    @Test
    void retryKeepsOnlyAsciiDigits() {
        List<SseEvent> out = new ArrayList<>();
        SseDecoder d = new SseDecoder(out::add);
        byte[] b = "retry: 1500\nretry: 12a\nretry: 9999999999999999999999\n".getBytes(StandardCharsets.UTF_8);
        d.feed(b, 0, b.length, 0);
        assertEquals(1500, d.retryMillis().orElseThrow());
    }

    @Test
    void flushesUnterminatedLastEventAtEndOfStream() {
        // Anthropic's recorded fixture ends "data: {...message_stop...}" with no newline at all.
        // three pieces arrive at times 0..2; end of stream, which completes the event, at time 3
        assertEquals(List.of(new SseEvent("message_stop", "{}", "", 3)), decode("event: message_stop\ndata: {}", 5, 22));
    }

    @Test
    void multiByteCharacterSplitAcrossReadsIsDecodedWhole() {
        byte[] b = "data: héllo 🙂\n\n".getBytes(StandardCharsets.UTF_8);
        for (int cut = 1; cut < b.length; cut++) {
            assertEquals("héllo 🙂", decode(b, cut).getFirst().data(), "cut at " + cut);
        }
    }

    @Test
    void leadingBomIsSkippedOnlyAtStreamStart() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "data: x\n\n".getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, b, 0, 3);
        System.arraycopy(body, 0, b, 3, body.length);
        assertEquals("x", decode(b, 1, 2).getFirst().data());
    }

    @Test
    void eventIsTimestampedWhenItsBlankLineArrives() {
        // piece 0: "data: a\n", piece 1: "\n" -> the dispatching blank line arrives at time 1
        assertEquals(1, decode("data: a\n\n", 8).getFirst().arrivalNanos());
    }

    // ---- property: any split of any well-formed stream decodes to the events that were written ----

    record Written(String event, List<String> dataLines, String id) {
        SseEvent expected(String lastId) {
            return new SseEvent(event == null ? "message" : event, String.join("\n", dataLines), lastId, 0);
        }
    }

    @Provide
    Arbitrary<List<Written>> streams() {
        // whole code points, so a surrogate pair is never generated half (that is not encodable UTF-8)
        Arbitrary<String> value = Arbitraries.of("a", "b", " ", ":", "{", "}", "\"", "\\", "é", "€", "🙂", "[DONE]")
                .list().ofMaxSize(8).map(parts -> String.join("", parts));
        Arbitrary<String> name = Arbitraries.of("message_start", "content_block_delta", "ping", "error");
        Arbitrary<Written> ev = Combinators.combine(name.injectNull(0.4), value.list().ofMinSize(1).ofMaxSize(3),
                Arbitraries.strings().alpha().ofMaxLength(4).injectNull(0.6)).as(Written::new);
        return ev.list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 300)
    void anySplitAndAnyLineEndingDecodesToTheWrittenEvents(@ForAll("streams") List<Written> events,
                                                            @ForAll("lineEnds") String eol,
                                                            @ForAll boolean comments,
                                                            @ForAll boolean lastBlankLineMissing,
                                                            @ForAll List<@net.jqwik.api.constraints.IntRange(min = 1, max = 400) Integer> cuts) {
        StringBuilder s = new StringBuilder();
        List<SseEvent> expected = new ArrayList<>();
        String lastId = "";
        for (Written w : events) {
            if (comments) s.append(": keep-alive").append(eol);
            if (w.event() != null) s.append("event: ").append(w.event()).append(eol);
            if (w.id() != null) {
                s.append("id: ").append(w.id()).append(eol);
                lastId = w.id();
            }
            for (String d : w.dataLines()) s.append("data: ").append(d).append(eol);
            s.append(eol);
            expected.add(w.expected(lastId));
        }
        if (lastBlankLineMissing) s.setLength(s.length() - eol.length() * 2);
        List<SseEvent> got = decode(s.toString(), cuts.stream().mapToInt(Integer::intValue).toArray()).stream()
                .map(e -> new SseEvent(e.event(), e.data(), e.lastEventId(), 0)).toList();
        assertEquals(expected, got);
    }

    @Provide
    Arbitrary<String> lineEnds() {
        return Arbitraries.of("\n", "\r", "\r\n");
    }
}
