package io.hybench.bench.client.ndjson;

import io.hybench.bench.client.http.Pieces;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NdjsonDecoderTest {

    static List<NdjsonLine> decode(byte[] bytes, int... cuts) {
        List<NdjsonLine> out = new ArrayList<>();
        NdjsonDecoder d = new NdjsonDecoder(out::add);
        Pieces.feed(d, bytes, Pieces.of(cuts));
        return out;
    }

    @Test
    void finalLineWithoutNewlineIsEmittedAtEndOfStream() {
        List<NdjsonLine> lines = decode("{\"a\":1}\n{\"done\":true}".getBytes(StandardCharsets.UTF_8), 4);
        assertEquals(List.of(new NdjsonLine("{\"a\":1}", 1), new NdjsonLine("{\"done\":true}", 2)), lines);
    }

    @Test
    void blankLinesAreSkippedAndCrlfTolerated() {
        List<NdjsonLine> lines = decode("\n{\"a\":1}\r\n\n  \n{\"b\":2}\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("{\"a\":1}", "{\"b\":2}"), lines.stream().map(NdjsonLine::text).toList());
    }

    @Test
    void aLineEndingInsideAReadIsHandedOnWhereItLies() {
        byte[] fed = "{\"a\":1}\r\n{\"b\":".getBytes(StandardCharsets.UTF_8);
        List<Object> seen = new ArrayList<>();
        NdjsonDecoder d = new NdjsonDecoder((line, offset, length, t) -> {
            seen.add(line == fed);
            seen.add(new String(line, offset, length, StandardCharsets.UTF_8));
        });
        d.feed(fed, 0, fed.length, 1);
        byte[] rest = "2}\r".getBytes(StandardCharsets.UTF_8);
        d.feed(rest, 0, rest.length, 2);
        d.feed(new byte[]{'\n'}, 0, 1, 3);
        // the first line without a copy; the second, cut by reads (and its CR by its LF), from the decoder's buffer
        assertEquals(List.of(true, "{\"a\":1}", false, "{\"b\":2}"), seen);
    }

    @Test
    void veryLongLineSurvivesManySmallReads() {
        String big = "{\"response\":\"" + "x".repeat(100_000) + "\"}";
        byte[] b = (big + "\n").getBytes(StandardCharsets.UTF_8);
        int[] cuts = new int[b.length / 7];
        for (int i = 0; i < cuts.length; i++) cuts[i] = (i + 1) * 7;
        assertEquals(List.of(big), decode(b, cuts).stream().map(NdjsonLine::text).toList());
    }

    @Test
    void multiByteCharacterSplitAcrossReadsIsDecodedWhole() {
        byte[] b = "{\"content\":\"ñ你🙂\"}\n".getBytes(StandardCharsets.UTF_8);
        for (int cut = 1; cut < b.length; cut++) {
            assertEquals("{\"content\":\"ñ你🙂\"}", decode(b, cut).getFirst().text(), "cut at " + cut);
        }
    }

    @Provide
    Arbitrary<List<String>> lines() {
        // whole code points, so a surrogate pair is never generated half (that is not encodable UTF-8)
        return Arbitraries.of("{", "}", "\"", ":", "a", "b", " ", "ñ", "你", "🙂", "\\", ",")
                .list().ofMinSize(1).ofMaxSize(30).map(parts -> String.join("", parts))
                .filter(s -> !s.isBlank()).list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 300)
    void anySplitDecodesToTheWrittenLines(@ForAll("lines") List<String> written, @ForAll boolean trailingNewline,
                                          @ForAll List<@IntRange(min = 1, max = 300) Integer> cuts) {
        String s = String.join("\n", written) + (trailingNewline ? "\n" : "");
        List<NdjsonLine> got = decode(s.getBytes(StandardCharsets.UTF_8), cuts.stream().mapToInt(Integer::intValue).toArray());
        assertEquals(written, got.stream().map(NdjsonLine::text).toList());
    }
}
