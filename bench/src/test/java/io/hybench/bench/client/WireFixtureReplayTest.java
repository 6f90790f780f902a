package io.hybench.bench.client;

import io.hybench.bench.client.WireFixtures.Expected;
import io.hybench.bench.client.protocols.StreamingClients;
import io.hybench.bench.testing.ReplayServer.Framing;
import io.hybench.bench.testing.ReplayServer.Reply;
import io.hybench.bench.testing.ReplayServer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every recorded stream, replayed byte for byte over loopback HTTP, parses to exactly what it contains. */
class WireFixtureReplayTest {

    static RequestRecord replay(Expected fx, Reply reply) {
        RunClock clock = RunClock.startingNow();
        try (ReplayServer server = ReplayServer.start(reply);
             StreamingClient client = StreamingClients.create(fx.target(server), WireFixtures.TEST_OPTIONS, clock, ApiKey.none())) {
            return client.execute(fx.request(), clock.nanos());
        }
    }

    static void assertMatches(Expected fx, RequestRecord r) {
        assertNull(r.error(), () -> fx.file() + ": " + r.error());
        assertEquals(fx.text(), r.reply().text(), fx.file());
        assertEquals(fx.contentChunks(), r.timeline().chunkArrivalNanos().length, fx.file() + " content chunks");
        assertEquals(fx.inputTokens(), r.tokens().inputTokens(), fx.file() + " input tokens");
        assertEquals(fx.inputSource(), r.tokens().inputTokenSource(), fx.file());
        assertEquals(fx.outputTokens(), r.tokens().outputTokens(), fx.file() + " output tokens");
        assertEquals(fx.outputSource(), r.tokens().outputTokenSource(), fx.file());
        assertEquals(fx.finishReason(), r.reply().finishReason(), fx.file());
        assertNotNull(r.timeline().headersNanos());
        assertEquals(r.timeline().chunkArrivalNanos()[0], r.timeline().firstContentNanos());
        long previous = r.timeline().sendNanos();
        for (long t : r.timeline().chunkArrivalNanos()) {
            assertTrue(t >= previous, "chunk arrivals are monotonic");
            previous = t;
        }
        assertTrue(r.timeline().endNanos() >= previous);
    }

    @ParameterizedTest
    @FieldSource("io.hybench.bench.client.WireFixtures#ALL")
    void replaysExactlyInOneWrite(Expected fx) {
        assertMatches(fx, replay(fx, Reply.of(200, fx.contentType(), fx.bytes())));
    }

    @ParameterizedTest
    @FieldSource("io.hybench.bench.client.WireFixtures#ALL")
    void replaysExactlyOneByteAtATimeOverCloseDelimitedBody(Expected fx) {
        byte[] bytes = fx.bytes();
        List<Integer> everyByte = java.util.stream.IntStream.range(1, bytes.length).boxed().toList();
        assertMatches(fx, replay(fx, Reply.of(200, fx.contentType(), bytes).framing(Framing.CLOSE_DELIMITED)
                .splitAt(everyByte, Duration.ZERO)));
    }

    @Provide
    Arbitrary<Expected> fixtures() {
        return Arbitraries.of(WireFixtures.ALL);
    }

    @Property(tries = 40)
    void replaysExactlyUnderRandomSplitsAndDelays(@ForAll("fixtures") Expected fx,
                                                  @ForAll @Size(max = 12) Set<@IntRange(min = 1, max = 9000) Integer> splits,
                                                  @ForAll @IntRange(min = 0, max = 3) int delayMillis,
                                                  @ForAll boolean chunked) {
        Reply reply = Reply.of(200, fx.contentType(), fx.bytes())
                .framing(chunked ? Framing.CHUNKED : Framing.CLOSE_DELIMITED)
                .splitAt(List.copyOf(splits), Duration.ofMillis(delayMillis));
        assertMatches(fx, replay(fx, reply));
    }

    @org.junit.jupiter.api.Test
    void logprobsAndOllamaServerTimingsAreKeptAsRecorded() {
        Expected logprobs = WireFixtures.ALL.get(1);
        RequestRecord r = replay(logprobs, Reply.of(200, logprobs.contentType(), logprobs.bytes()));
        assertEquals(List.of(new TokenLogprob("Foo", -0.0025094282, List.of()), new TokenLogprob("!", -0.26638845, List.of())),
                r.reply().logprobs());
        assertArrayEquals(new int[] {1, 1}, r.timeline().chunkTokenCounts());

        Expected ollama = WireFixtures.ALL.getLast();
        RequestRecord o = replay(ollama, Reply.of(200, ollama.contentType(), ollama.bytes()));
        assertEquals(new ServerTimings(58123571935L, 55561676662L, 10, 34847000L, 239, 2381751000L), o.reply().serverTimings());
    }
}
