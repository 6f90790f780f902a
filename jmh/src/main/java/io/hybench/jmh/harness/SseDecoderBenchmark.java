package io.hybench.jmh.harness;

import io.hybench.bench.client.ApiKind;
import io.hybench.bench.client.sse.SseDecoder;
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

import java.util.concurrent.TimeUnit;

/**
 * The SSE decoder as the clients use it on the request's thread: events' data handed on as bytes (no text decoded),
 * one server flush fed at a time. One operation is one stream of {@code tokens} content chunks; divide by
 * {@code tokens} for the time per streamed token.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SseDecoderBenchmark {
    @Param({"OPENAI", "ANTHROPIC"})
    public ApiKind api;
    @Param("256")
    public int tokens;

    private byte[][] deliveries;

    @Setup(Level.Trial)
    public void generate() {
        deliveries = SyntheticStream.of(api, tokens, 42).deliveries().toArray(byte[][]::new);
    }

    @Benchmark
    public void decode(Blackhole bh) {
        SseDecoder d = new SseDecoder((event, data, offset, length, lastEventId, arrivalNanos) -> bh.consume(length));
        for (int i = 0; i < deliveries.length; i++) d.feed(deliveries[i], 0, deliveries[i].length, i);
        d.finish(deliveries.length);
    }
}
