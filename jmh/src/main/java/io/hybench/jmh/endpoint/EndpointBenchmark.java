package io.hybench.jmh.endpoint;

import io.hybench.bench.client.ApiKind;
import io.hybench.bench.client.ClientOptions;
import io.hybench.bench.client.GenerationRequest;
import io.hybench.bench.client.RequestRecord;
import io.hybench.bench.client.RunClock;
import io.hybench.bench.client.ServerFlavor;
import io.hybench.bench.client.StreamingClient;
import io.hybench.bench.client.Target;
import io.hybench.bench.client.protocols.StreamingClients;
import io.hybench.bench.load.Distribution;
import io.hybench.bench.load.PromptSource;
import io.hybench.bench.load.PromptSpec;
import io.hybench.bench.load.SyntheticPrompts;
import io.hybench.bench.metrics.Metrics;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.net.URI;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * One stream at a time against a configured server: the single-user figures with no queueing.
 * {@link #latency} is a sample-time run whose score is the request latency (send to end of stream);
 * {@link #tokens} is a throughput run (requests/s) whose {@code outputTokens} counter JMH normalises to
 * output tokens per second. Two runs because JMH reports {@code @AuxCounters} in throughput and
 * average-time modes only. Both report the time to first content chunk of their requests as the
 * secondary result {@code ttft} ({@link TtftProfiler}). Every request gets a fresh random prompt of
 * {@code promptTokens} words, so no prefix cache helps.
 *
 * <p>A failed request fails the benchmark (and the run, which fails on error): a latency of a failed
 * request is no latency, and zero tokens of a server that is down is no throughput.
 *
 * <p>Default target: {@code hybench emulate --profile llama3.1-8b-a100-vllm --port 8000}.
 */
@State(Scope.Benchmark)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 10)
public class EndpointBenchmark {
    @Param("http://127.0.0.1:8000")
    public String url;
    /** ollama, openai or anthropic. */
    @Param("openai")
    public String api;
    /** generic, vllm, ollama, openai or anthropic: decides vendor-specific request fields. */
    @Param("vllm")
    public String flavor;
    @Param("meta-llama/Llama-3.1-8B-Instruct")
    public String model;
    /** Environment variable holding the API key; empty for none. */
    @Param("")
    public String apiKeyEnv;
    @Param("256")
    public int promptTokens;
    @Param("128")
    public int maxTokens;
    /** Ask for exactly maxTokens (vLLM ignore_eos/min_tokens; only sent where the flavor supports it). */
    @Param("false")
    public boolean forceOutputLength;

    private StreamingClient client;
    private RunClock clock;
    private PromptSource.PromptStream prompts;
    private long requests;

    /** Output tokens of the iteration's requests; JMH divides by the iteration's time: tokens/s. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class OutputTokens {
        public long outputTokens;

        @Setup(Level.Iteration)
        public void reset() {
            outputTokens = 0;
        }
    }

    @Setup(Level.Trial)
    public void connect() {
        Target target = new Target("jmh", ApiKind.valueOf(api.toUpperCase(Locale.ROOT)), ServerFlavor.valueOf(flavor.toUpperCase(Locale.ROOT)),
                URI.create(url), model, apiKeyEnv.isEmpty() ? null : apiKeyEnv);
        clock = RunClock.startingNow();
        client = StreamingClients.create(target, ClientOptions.DEFAULTS, clock);
        prompts = new SyntheticPrompts(new PromptSpec.Synthetic(new Distribution.Fixed(promptTokens), new Distribution.Fixed(maxTokens)))
                .stream(1);
        // One request before JMH's clock starts: an unreachable server or a wrong model stops here, by name.
        RequestRecord first = send();
        if (!first.succeeded()) {
            throw new IllegalStateException("no usable target: " + api + " at " + url + " (model '" + model + "') failed its first request: "
                    + first.error().errorClass() + (first.error().httpStatus() == null ? "" : " " + first.error().httpStatus())
                    + ": " + first.error().message());
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        if (client != null) client.close();
    }

    /** Request latency distribution (ms per request). */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public RequestRecord latency() {
        return measured(send());
    }

    /** Requests per second, and output tokens per second in the {@code outputTokens} counter. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public RequestRecord tokens(OutputTokens tokens) {
        RequestRecord r = measured(send());
        tokens.outputTokens += r.tokens().outputTokens();
        return r;
    }

    private RequestRecord measured(RequestRecord r) {
        if (!r.succeeded()) {
            throw new IllegalStateException("request " + r.requestId() + " to " + url + " failed: " + r.error().errorClass() + ": " + r.error().message());
        }
        TtftSamples.add(Metrics.ttftNanos(r).orElseThrow(() ->
                new IllegalStateException("request " + r.requestId() + " succeeded without content: no time to first token")));
        return r;
    }

    private RequestRecord send() {
        String prompt = prompts.next().text();
        GenerationRequest request = GenerationRequest.of("jmh-" + requests++, prompt, true, new GenerationRequest.Output(maxTokens, forceOutputLength));
        return client.execute(request, clock.nanos());
    }
}
