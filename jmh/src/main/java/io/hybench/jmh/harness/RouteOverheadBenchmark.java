package io.hybench.jmh.harness;

import io.hybench.bench.client.ApiKind;
import io.hybench.bench.client.ClientOptions;
import io.hybench.bench.client.GenerationRequest;
import io.hybench.bench.client.RequestRecord;
import io.hybench.bench.client.RunClock;
import io.hybench.bench.client.ServerFlavor;
import io.hybench.bench.client.StreamingClient;
import io.hybench.bench.client.protocols.StreamingClients;
import io.hybench.bench.client.Target;
import io.hybench.calibrate.data.ScoreSense;
import io.hybench.calibrate.CalibrationResult;
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
import org.openjdk.jmh.annotations.Param;
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
 * tokens, logprobs on, as the router asks its local side) sent {@link #direct directly} to a local
 * server ({@code -p url=...}, an OpenAI-compatible one; default the endpoint suite's emulator at
 * 127.0.0.1:8000) and {@link #routed through the router} in front of it, one at a time, in sample-time
 * mode so JMH reports the percentiles of both; the router's spec keeps every answer (a cascade whose
 * threshold no answer is below), so a routed request is the local call plus the router's hop (request
 * parsing, the local call's own client, confidence and threshold, re-encoding the answer as OpenAI
 * chunks). Added latency at a percentile = routed - direct at that percentile. The router runs in the
 * benchmark's JVM on loopback; start the server first (docs/performance.md, "Router overhead").
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

    @Param("http://127.0.0.1:8000")
    public String url;
    @Param("meta-llama/Llama-3.1-8B-Instruct")
    public String model;


    private HybridRouteServer router;
    private StreamingClient direct, routed;
    private RunClock clock;
    private final AtomicLong ids = new AtomicLong();

    @Setup
    public void start() {
        Target local = new Target("local", ApiKind.OPENAI, ServerFlavor.VLLM, java.net.URI.create(url), model, null);
        var keepAll = RouterSpec.of(RouterSpec.Routing.of(new Policy.Cascade(0, -1e9), List.of("local_mean_logprob"), ScoreSense.HIGHER_MEANS_LOCAL,
                Map.of()), new CalibrationResult.Provenance.Models(model, model));
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
