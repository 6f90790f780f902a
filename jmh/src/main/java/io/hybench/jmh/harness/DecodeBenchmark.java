package io.hybench.jmh.harness;

import io.hybench.bench.client.ApiKind;
import io.hybench.bench.client.ndjson.NdjsonDecoder;
import io.hybench.bench.client.sse.SseDecoder;
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
import org.openjdk.jmh.infra.Blackhole;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Framing only: the byte-level SSE and NDJSON decoders over a whole {@link SyntheticStream}, every
 * event or line handed to a Blackhole. One operation is one stream of {@code tokens} content chunks;
 * the {@code bytes} and {@code tokens} counters are normalised by JMH to bytes/s and tokens/s of one
 * thread (one core). {@code reads}: {@code event} delivers one server flush at a time (the streaming
 * case), a number cuts the body into reads of that many bytes (events split across reads).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DecodeBenchmark {
    @Param({"OPENAI", "ANTHROPIC", "OLLAMA"})
    public ApiKind api;
    @Param({"event", "16384"})
    public String reads;
    @Param("1024")
    public int tokens;

    private SyntheticStream stream;
    private byte[][] deliveries;

    /** Bytes and tokens decoded in the iteration; JMH divides by its time. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Decoded {
        public long bytes;
        public long tokens;

        @Setup(Level.Iteration)
        public void reset() {
            bytes = 0;
            tokens = 0;
        }
    }

    @Setup(Level.Trial)
    public void generate() {
        stream = SyntheticStream.of(api, tokens, 42);
        List<byte[]> cut = reads.equals("event") ? stream.deliveries() : stream.reads(Integer.parseInt(reads));
        deliveries = cut.toArray(byte[][]::new);
    }

    @Benchmark
    public void decode(Decoded decoded, Blackhole bh) {
        if (api == ApiKind.OLLAMA) {
            NdjsonDecoder d = new NdjsonDecoder(bh::consume);
            for (int i = 0; i < deliveries.length; i++) d.feed(deliveries[i], 0, deliveries[i].length, i);
            d.finish(deliveries.length);
        } else {
            SseDecoder d = new SseDecoder(bh::consume);
            for (int i = 0; i < deliveries.length; i++) d.feed(deliveries[i], 0, deliveries[i].length, i);
            d.finish(deliveries.length);
        }
        decoded.bytes += stream.bytes();
        decoded.tokens += stream.tokens();
    }
}
