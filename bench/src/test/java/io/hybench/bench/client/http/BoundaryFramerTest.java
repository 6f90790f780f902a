package io.hybench.bench.client.http;

import io.hybench.bench.client.http.BoundaryFramer.Boundary;
import io.hybench.bench.client.ndjson.NdjsonDecoder;
import io.hybench.bench.client.sse.SseDecoder;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cutting on the I/O thread and decoding later must give exactly the frames, and the stamps, that the
 * protocol's decoder gives when it reads the bytes as they arrive.
 */
class BoundaryFramerTest {

    private static void feed(FrameDecoder decoder, byte[] bytes, List<Integer> cuts) {
        Pieces.feed(decoder, bytes, cuts);
    }

    private static List<Frame> direct(Function<Consumer<Frame>, FrameDecoder> protocol, byte[] bytes, List<Integer> cuts) {
        List<Frame> out = new ArrayList<>();
        feed(protocol.apply(out::add), bytes, cuts);
        return out;
    }

    private static List<Frame> framedThenDecoded(Boundary boundary, Function<Consumer<Frame>, FrameDecoder> protocol,
                                                 byte[] bytes, List<Integer> cuts) {
        List<RawFrame> raw = new ArrayList<>();
        feed(stampedLikeAnIoThread(new BoundaryFramer(boundary, raw::add)), bytes, cuts);
        List<Frame> out = new ArrayList<>();
        FrameDecoder later = protocol.apply(out::add);
        for (RawFrame r : raw) {
            assertEquals(IN_BATCH_NANOS, r.inBatchNanos(), "each frame keeps its read's in-batch delay");
            later.feed(r.bytes(), 0, r.bytes().length, r.arrivalNanos());
            if (r.last()) later.finish(r.arrivalNanos());
        }
        return out;
    }

    private static final long IN_BATCH_NANOS = 7;

    /** The framer fed as the I/O thread feeds it: every read with its stamp and in-batch delay. */
    private static FrameDecoder stampedLikeAnIoThread(BoundaryFramer framer) {
        return new FrameDecoder() {
            @Override
            public void feed(byte[] bytes, int offset, int count, long arrivalNanos) {
                framer.feed(bytes, offset, count, arrivalNanos, IN_BATCH_NANOS, false);
            }

            @Override
            public void finish(long arrivalNanos) {
                framer.finish(arrivalNanos, IN_BATCH_NANOS, false);
            }
        };
    }

    private static final Function<Consumer<Frame>, FrameDecoder> SSE = sink -> new SseDecoder(sink::accept);
    private static final Function<Consumer<Frame>, FrameDecoder> NDJSON = sink -> new NdjsonDecoder(sink::accept);

    @Provide
    Arbitrary<String> sseText() {
        return Arbitraries.of("data: a", "data:{\"x\":1}", "event: e", "id: 7", ": ping", "retry: 10", "", "\uFEFF", "é")
                .list().ofMaxSize(12)
                .flatMap(lines -> Arbitraries.of("\n", "\r", "\r\n").list().ofSize(lines.size())
                        .map(ends -> {
                            StringBuilder s = new StringBuilder();
                            for (int i = 0; i < lines.size(); i++) s.append(lines.get(i)).append(ends.get(i));
                            return s.toString();
                        }));
    }

    @Property(tries = 500)
    void sseEventsAndStampsSurviveTheSplit(@ForAll("sseText") String text, @ForAll @Size(max = 6) List<@IntRange(max = 80) Integer> cuts) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertEquals(direct(SSE, bytes, cuts), framedThenDecoded(Boundary.BLANK_LINE, SSE, bytes, cuts));
    }

    @Property(tries = 300)
    void ndjsonLinesAndStampsSurviveTheSplit(@ForAll @Size(max = 8) List<@StringLength(max = 6) String> lines,
                                             @ForAll @Size(max = 6) List<@IntRange(max = 60) Integer> cuts) {
        String text = String.join("\n", lines);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertEquals(direct(NDJSON, bytes, cuts), framedThenDecoded(Boundary.LINE, NDJSON, bytes, cuts));
    }

    @Test
    void oneReadsEventsTravelAsOneFrameAndTheRestWaits() {
        List<RawFrame> raw = new ArrayList<>();
        BoundaryFramer f = new BoundaryFramer(Boundary.BLANK_LINE, raw::add);
        byte[] bytes = "data: 1\r\n\r\ndata: 2\n\ndata: 3".getBytes(StandardCharsets.UTF_8);
        f.feed(bytes, 0, bytes.length, 5, 2, false);
        assertEquals(1, raw.size());
        assertEquals("data: 1\r\n\r\ndata: 2\n\n", new String(raw.get(0).bytes(), StandardCharsets.UTF_8));
        assertEquals(2, raw.get(0).inBatchNanos());
        f.finish(9, 3, false);
        assertTrue(raw.get(1).last());
        assertEquals("data: 3", new String(raw.get(1).bytes(), StandardCharsets.UTF_8));
        assertEquals(9, raw.get(1).arrivalNanos());
        assertEquals(3, raw.get(1).inBatchNanos(), "the last frame carries the in-batch delay of the read that ended the body");
    }

    @Test
    void containsFindsANeedleAnywhere() {
        RawFrame r = new RawFrame("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8), 0, -1, false, false);
        assertTrue(r.contains("[DONE]".getBytes(StandardCharsets.UTF_8)));
        assertFalse(r.contains("error".getBytes(StandardCharsets.UTF_8)));
        assertFalse(new RawFrame(new byte[2], 0, -1, false, false).contains("abc".getBytes(StandardCharsets.UTF_8)));
    }
}
