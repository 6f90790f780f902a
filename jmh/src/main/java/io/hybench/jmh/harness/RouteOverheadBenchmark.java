package io.hybench.jmh.harness;

import io.hybench.bench.client.ApiKind;
import io.hybench.bench.client.ClientOptions;
import io.hybench.bench.client.GenerationRequest;
import io.hybench.bench.client.RequestRecord;
import io.hybench.bench.client.RunClock;
import io.hybench.bench.client.ServerFlavor;
import io.hybench.bench.client.StreamingClient;
import io.hybench.bench.client.StreamingClients;
import io.hybench.bench.client.Target;
import io.hybench.bench.emulator.Emulator;
import io.hybench.bench.emulator.profile.ProfileLoader;
import io.hybench.calibrate.data.ScoreSense;
import io.hybench.calibrate.export.RouterSpec;
import io.hybench.calibrate.policy.Policy;
import io.hybench.calibrate.route.HybridRouteServer;
import io.hybench.calibrate.route.LiveConfidence;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What {@code hybench route} adds to a request's latency: the same streamed chat request (64 output
 * tokens, logprobs on, as the router asks its local side) sent {@link #direct directly} to an emulated
 * vLLM-like server and {@link #routed through the router} in front of it, one at a time, in sample-time
 * mode so JMH reports the percentiles of both; the router's spec keeps every answer (a cascade whose
 * threshold no answer is below), so a routed request is the local call plus the router's hop (request
 * parsing, the local call's own client, confidence and threshold, re-encoding the answer as OpenAI
 * chunks). Added latency at a percentile = routed - direct at that percentile. Emulator and router run
 * in the benchmark's JVM on loopback.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 10)
public class RouteOverheadBenchmark {
    private static final int OUTPUT_TOKENS = 64;

    private Emulator emulator;
    private HybridRouteServer router;
    private StreamingClient direct, routed;
    private RunClock clock;
    private final AtomicLong ids = new AtomicLong();

    @Setup
    public void start() {
        emulator = Emulator.start(ProfileLoader.parse("""
                name: overhead-vllm
                model: overhead-model
                output: {eos_median_tokens: 100000, eos_sigma: 0.1, context_tokens: 100000}
                engine: {kind: vllm, max_num_seqs: 64, max_num_batched_tokens: 4096, kv_cache_tokens: 200000,
                         step_base_ms: 1, step_per_token_ms: 0.001, step_per_context_token_ns: 1}
                """, "overhead-vllm"), 0, 1);
        Target local = new Target("local", ApiKind.OPENAI, ServerFlavor.VLLM, emulator.baseUrl(), "overhead-model", null, "overhead-vllm");
        var keepAll = new RouterSpec(2, new Policy.Cascade(0, -1e9), List.of("local_mean_logprob"), ScoreSense.HIGHER_MEANS_LOCAL,
                Map.of(), List.of("escalate to cloud if local_mean_logprob < -1.0E9"), null, "overhead-model", "overhead-model", null, null);
        router = HybridRouteServer.start(new HybridRouteServer.Config(keepAll, local, local, null, null, LiveConfidence.Span.REPLY, "hybrid"), 0);
        clock = RunClock.startingNow();
        direct = StreamingClients.create(local, ClientOptions.DEFAULTS, clock);
        routed = StreamingClients.create(new Target("router", ApiKind.OPENAI, ServerFlavor.GENERIC, router.baseUrl(), "hybrid", null),
                ClientOptions.DEFAULTS, clock);
    }

    @TearDown
    public void stop() {
        direct.close();
        routed.close();
        router.close();
        emulator.close();
    }

    private RequestRecord call(StreamingClient client, boolean logprobs) {
        var request = new GenerationRequest("r" + ids.incrementAndGet(), "Explain the routing of requests between two servers.", true,
                OUTPUT_TOKENS, false, null, null, logprobs, 0, null, null);
        RequestRecord r = client.execute(request, clock.nanos());
        if (!r.succeeded()) throw new IllegalStateException("request failed: " + r.error());
        return r;
    }

    @Benchmark
    public RequestRecord direct() {
        return call(direct, true);
    }

    @Benchmark
    public RequestRecord routed() {
        return call(routed, false);
    }
}
