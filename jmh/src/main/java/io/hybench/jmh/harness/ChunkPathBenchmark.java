package io.hybench.jmh.harness;

import io.hybench.bench.client.ApiKey;
import io.hybench.bench.client.ApiKind;
import io.hybench.bench.client.GenerationRequest;
import io.hybench.bench.client.RecordBuilder;
import io.hybench.bench.client.RequestRecord;
import io.hybench.bench.client.RunClock;
import io.hybench.bench.client.ServerFlavor;
import io.hybench.bench.client.Target;
import io.hybench.bench.client.http.StreamParser;
import io.hybench.bench.client.protocols.StreamingClients;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * What a client does with every chunk of a stream, without the network: read the run clock for the
 * delivery's arrival time, frame it (SSE/NDJSON), parse the JSON, and note the content chunk, its
 * time and text in the request's {@link RecordBuilder}; at the end freeze the {@link RequestRecord}.
 * This is the protocol parser each client uses ({@link StreamingClients#streamParser}), fed one server
 * flush at a time. Not included: the JDK HTTP client's socket reads and the hand-off of each buffer to
 * the request's thread. One operation is one stream of {@code tokens} tokens; {@code tokens} and
 * {@code bytes} counters give tokens/s and bytes/s of one core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ChunkPathBenchmark {
    @Param({"OPENAI", "ANTHROPIC", "OLLAMA"})
    public ApiKind api;
    @Param("256")
    public int tokens;

    private SyntheticStream stream;
    private byte[][] deliveries;
    private Target target;
    private GenerationRequest request;
    private final RunClock clock = RunClock.startingNow();

    /** Tokens (as the record counts them) and bytes of the iteration's streams; JMH divides by its time. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Streamed {
        public long tokens;
        public long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            tokens = 0;
            bytes = 0;
        }
    }

    @Setup(Level.Trial)
    public void generate() {
        stream = SyntheticStream.of(api, tokens, 42);
        deliveries = stream.deliveries().toArray(byte[][]::new);
        target = new Target("jmh", api, ServerFlavor.GENERIC, URI.create("http://127.0.0.1:1"), "m", null);
        request = GenerationRequest.chat("jmh-0", "prompt", tokens);
    }

    @Benchmark
    public RequestRecord stream(Streamed streamed) {
        RecordBuilder rec = new RecordBuilder(target, request, "/stream", clock.nanos(), false);
        StreamParser parser = StreamingClients.streamParser(api, rec, ApiKey.none());
        rec.sent(clock.nanos());
        rec.headers(clock.nanos());
        for (byte[] d : deliveries) parser.accept(d, clock.nanos());
        if (!parser.done()) throw new IllegalStateException(api + " stream ended without " + parser.endMarker());
        RequestRecord r = rec.build();
        streamed.tokens += r.tokens().outputTokens();
        streamed.bytes += stream.bytes();
        return r;
    }
}
