package io.hybench.jmh.harness;

import io.hybench.bench.client.ApiKey;
import io.hybench.bench.client.ApiKind;
import io.hybench.bench.client.GenerationRequest;
import io.hybench.bench.client.RecordBuilder;
import io.hybench.bench.client.RequestRecord;
import io.hybench.bench.client.ServerFlavor;
import io.hybench.bench.client.Target;
import io.hybench.bench.client.TokenCountSource;
import io.hybench.bench.client.http.StreamParser;
import io.hybench.bench.client.ndjson.NdjsonDecoder;
import io.hybench.bench.client.protocols.StreamingClients;
import io.hybench.bench.client.sse.SseDecoder;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The harness suite's inputs decode as the benchmarks assume: every token, through the real parsers. */
class SyntheticStreamTest {

    @ParameterizedTest
    @EnumSource(ApiKind.class)
    void theClientsParserReadsEveryTokenAndTheServersCount(ApiKind api) {
        SyntheticStream s = SyntheticStream.of(api, 300, 42);
        RequestRecord r = parse(api, s.deliveries());
        assertEquals(300, r.timeline().chunkArrivalNanos().length, "one content chunk per token");
        assertEquals(300, r.tokens().outputTokens());
        assertEquals(TokenCountSource.SERVER, r.tokens().outputTokenSource(), "usage / eval_count carries the count");
        assertEquals(s.text(), r.reply().text());
        assertTrue(r.reply().text().contains("ä") || r.reply().text().contains("ï") || r.reply().text().contains("東京") || r.reply().text().contains("ß"),
                "non-ASCII tokens are part of the stream");
    }

    @ParameterizedTest
    @EnumSource(ApiKind.class)
    void theDecodeBenchmarkSeesOneFramePerEvent(ApiKind api) {
        SyntheticStream s = SyntheticStream.of(api, 1024, 42);
        // OpenAI: role chunk, tokens, finish, usage, [DONE]; Anthropic: start, block start, ping, tokens, block stop, delta, stop; Ollama: tokens, done
        int expected = switch (api) {
            case OPENAI -> 1024 + 4;
            case ANTHROPIC -> 1024 + 6;
            case OLLAMA -> 1024 + 1;
        };
        assertEquals(expected, frames(api, s.deliveries()));
        assertEquals(expected, frames(api, s.reads(16384)));
        assertEquals(s.bytes(), s.body().length);
    }

    @Property(tries = 30)
    void anyCutOfTheBodyParsesToTheSameRecord(@ForAll("apis") ApiKind api, @ForAll @IntRange(min = 1, max = 4000) int readSize) {
        SyntheticStream s = SyntheticStream.of(api, 64, readSize);
        RequestRecord r = parse(api, s.reads(readSize));
        assertEquals(s.text(), r.reply().text());
        assertEquals(64, r.tokens().outputTokens());
    }

    @Provide
    Arbitrary<ApiKind> apis() {
        return Arbitraries.of(ApiKind.class);
    }

    @Test
    void theRecordingBenchmarksRequestHasEveryGap() {
        RequestRecord r = RecordingBenchmark.streamedRequest(256, new SplittableRandom(1));
        assertTrue(r.succeeded());
        assertEquals(256, r.timeline().chunkArrivalNanos().length);
        assertEquals(256, r.tokens().outputTokens());
    }

    private static RequestRecord parse(ApiKind api, List<byte[]> deliveries) {
        Target target = new Target("t", api, ServerFlavor.GENERIC, URI.create("http://127.0.0.1:1"), "m", null);
        RecordBuilder rec = new RecordBuilder(target, GenerationRequest.chat("r", "p", 10), "/x", 0, false);
        StreamParser parser = StreamingClients.streamParser(api, rec, ApiKey.none());
        long t = 0;
        for (byte[] d : deliveries) parser.accept(d, ++t);
        assertTrue(parser.done(), "the end marker was read");
        return rec.build();
    }

    private static int frames(ApiKind api, List<byte[]> deliveries) {
        AtomicInteger n = new AtomicInteger();
        if (api == ApiKind.OLLAMA) {
            NdjsonDecoder d = new NdjsonDecoder(line -> n.incrementAndGet());
            for (byte[] b : deliveries) d.feed(b, 0, b.length, 0);
            d.finish(0);
        } else {
            SseDecoder d = new SseDecoder(e -> n.incrementAndGet());
            for (byte[] b : deliveries) d.feed(b, 0, b.length, 0);
            d.finish(0);
        }
        return n.get();
    }
}
