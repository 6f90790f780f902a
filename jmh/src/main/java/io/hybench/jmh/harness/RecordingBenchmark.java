package io.hybench.jmh.harness;

import io.hybench.bench.client.ApiKind;
import io.hybench.bench.client.GenerationRequest;
import io.hybench.bench.client.RecordBuilder;
import io.hybench.bench.client.RequestRecord;
import io.hybench.bench.client.ServerFlavor;
import io.hybench.bench.client.Target;
import io.hybench.bench.metrics.Metric;
import io.hybench.bench.metrics.StepRecorders;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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

import java.net.URI;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Recording into HdrHistograms as the load runner does: one {@link Recorder#recordValue} (a request
 * thread's cost per value), one interval swap ({@link Recorder#getIntervalHistogram(Histogram)} with a
 * recycled histogram: the reporter's cost per metric and second), all metrics of one streamed request
 * ({@link StepRecorders#record}: TTFT, every inter-token gap, TPOT, E2E, send lag), and the reporter's
 * once-a-second {@link StepRecorders#drainInterval} of every metric after one request. Values are
 * latencies of the sizes a run records (lognormal gaps around 20 ms, nanoseconds), seeded.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RecordingBenchmark {
    private static final int VALUES = 4096; // a power of two: the index wraps with a mask
    private static final double MEDIAN_GAP_NANOS = 20e6;

    /** Tokens of the recorded request (inter-token gaps = tokens - 1). */
    @Param("256")
    public int tokens;

    private final long[] values = new long[VALUES];
    private int next;
    private Recorder recorder;
    private Recorder swapped;
    private Histogram recycled;
    private StepRecorders steps;
    private RequestRecord request;

    @Setup
    public void generate() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < VALUES; i++) values[i] = gapNanos(random);
        recorder = Metric.ITL.range().newRecorder();
        swapped = Metric.ITL.range().newRecorder();
        for (long v : values) swapped.recordValue(v); // sized as a real interval before the first swap
        recycled = swapped.getIntervalHistogram();
        steps = new StepRecorders();
        request = streamedRequest(tokens, random);
    }

    @Benchmark
    public void recordValue() {
        recorder.recordValue(values[next++ & (VALUES - 1)]);
    }

    @Benchmark
    public Histogram intervalSwap() {
        swapped.recordValue(values[next++ & (VALUES - 1)]);
        recycled = swapped.getIntervalHistogram(recycled);
        return recycled;
    }

    @Benchmark
    public void recordRequest() {
        steps.record(request);
    }

    @Benchmark
    public void drainIntervalAfterOneRequest(Blackhole bh) {
        steps.record(request);
        steps.drainInterval(0, 1000, (metric, interval) -> bh.consume(interval));
    }

    private static long gapNanos(SplittableRandom random) {
        return Math.round(MEDIAN_GAP_NANOS * Math.exp(0.5 * random.nextGaussian()));
    }

    /** A successful streamed request of {@code tokens} one-token chunks, timed like a real one. */
    static RequestRecord streamedRequest(int tokens, SplittableRandom random) {
        Target target = new Target("jmh", ApiKind.OPENAI, ServerFlavor.VLLM, URI.create("http://127.0.0.1:1"), "m", null);
        RecordBuilder rec = new RecordBuilder(target, GenerationRequest.chat("jmh-0", "prompt", tokens), "/v1/chat/completions", 0, false);
        long t = 1_000_000;
        rec.sent(t);
        rec.headers(t += 30_000_000);
        for (int i = 0; i < tokens; i++) {
            t += i == 0 ? 5_000_000 : gapNanos(random);
            rec.content(t, " w", 1);
        }
        rec.serverOutputTokens(tokens);
        rec.ended(t + 100_000);
        return rec.build();
    }
}
