package io.hybench.cli;

import io.hybench.bench.load.ClientFactory;
import io.hybench.bench.client.Target;
import io.hybench.bench.load.LoadRunner;
import io.hybench.bench.load.StepPlan;
import io.hybench.bench.metrics.OverSaturation;
import io.hybench.bench.metrics.SecondSample;
import io.hybench.bench.metrics.StepSummary;
import io.hybench.bench.load.RunListener;
import io.hybench.bench.load.ShardSpec;
import io.hybench.bench.load.SharedStart;
import io.hybench.bench.load.Workload;
import io.hybench.bench.load.WorkloadException;
import io.hybench.bench.load.WorkloadOverrides;
import io.hybench.bench.load.WorkloadYaml;
import io.hybench.bench.results.EnvInfo;
import io.hybench.bench.results.SweepTable;
import io.hybench.cli.progress.ProgressBarListener;
import io.hybench.cli.progress.Terminals;
import io.hybench.core.mapper.Yaml;
import io.hybench.core.time.Durations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybench.core.mapper.Json;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code hybench bench}: runs a workload's sweep against its targets and writes a result folder. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Run a workload (closed-loop user sweep or open-loop rate sweep) against its targets.",
                "Give --workload FILE, or state one target by flags alone: --url, --api, --model (and optionally --users or",
                "--rates, --input-tokens, --output-tokens, --header, --extra-body); the resolved workload is written either way.",
                "Results go to <out>/<run-id>/ (docs/results.md) with report.html; the sweep table is printed at the end."})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--workload", paramLabel = "FILE", description = "Workload YAML (format: docs/results.md).")
    Path workload;

    @Option(names = "--url", paramLabel = "URL", description = "Without --workload: the server's base URL, e.g. http://127.0.0.1:8000.")
    String url;

    @Option(names = "--api", paramLabel = "ollama|openai|anthropic", description = "Without --workload: the server's protocol.")
    String api;

    @Option(names = "--model", paramLabel = "NAME", description = "Without --workload: the model to ask.")
    String model;

    @Option(names = "--flavor", paramLabel = "NAME", description = "Without --workload: generic, vllm, ollama, openai or anthropic (default: the one --api implies).")
    String flavor;

    @Option(names = "--api-key-env", paramLabel = "VAR", description = "Without --workload: environment variable holding the API key.")
    String apiKeyEnv;

    @Option(names = "--input-tokens", paramLabel = "N", defaultValue = "256", description = "Without --workload: synthetic prompt length (default ${DEFAULT-VALUE}).")
    long inputTokens;

    @Option(names = "--output-tokens", paramLabel = "N", defaultValue = "128", description = "Without --workload: max_tokens per request (default ${DEFAULT-VALUE}).")
    long outputTokens;

    @Option(names = "--header", paramLabel = "NAME:VALUE", description = "Without --workload: extra HTTP header (repeatable); VALUE env:VAR reads a variable, and credentials must.")
    List<String> headers;

    @Option(names = "--extra-body", paramLabel = "JSON", description = "Without --workload: JSON object merged into every request body, e.g. '{\"top_k\": 5}'.")
    String extraBody;

    @Option(names = "--target", split = ",", paramLabel = "NAME", description = "Run only these targets of the workload.")
    List<String> targets;

    @Option(names = "--mode", paramLabel = "closed|open", description = "Closed loop (users) or open loop (rates).")
    String mode;

    @Option(names = "--users", split = ",", paramLabel = "N", description = "Closed-loop levels, e.g. 1,2,4,8.")
    List<Integer> users;

    @Option(names = "--rates", split = ",", paramLabel = "R", description = "Open-loop levels in requests/s, e.g. 0.5,1,2.")
    List<Double> rates;

    @Option(names = "--arrival", paramLabel = "poisson|constant|gamma", description = "Open-loop arrival process (gamma keeps the workload's burstiness).")
    String arrival;

    @Option(names = "--max-in-flight", paramLabel = "N", description = "Open-loop cap on concurrent requests.")
    Integer maxInFlight;

    @Option(names = "--warmup", paramLabel = "DURATION", description = "Warm-up per step, e.g. 10s.")
    String warmup;

    @Option(names = "--duration", paramLabel = "DURATION", description = "Measured time per step, e.g. 60s.")
    String duration;

    @Option(names = "--requests", paramLabel = "N", description = "Measured requests per step (instead of a duration).")
    Integer requests;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for prompts, think times and arrivals.")
    Long seed;

    @Option(names = "--percentiles", paramLabel = "P[,P]", description = "Latency percentiles to report beside the fixed ones, each in (0, 100], e.g. 50,90,99,99.9 (overrides the workload's percentiles).")
    String percentiles;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "results", description = "Folder that receives <run-id>/.")
    Path out;

    @Option(names = "--run-id", paramLabel = "ID", description = "Result folder name (default: UTC time and workload name).")
    String runId;

    @Option(names = "--first-token-timeout", paramLabel = "DURATION",
            description = "Longest wait from sending to the first content, e.g. 30s (overrides request.timeouts.firstToken, default 5m); exceeded: TIMEOUT_FIRST_TOKEN.")
    Duration firstTokenTimeout;

    @Option(names = "--idle-timeout", paramLabel = "DURATION",
            description = "Longest silence inside a stream, e.g. 10s (overrides request.timeouts.idle, default 1m); exceeded: TIMEOUT_IDLE.")
    Duration idleTimeout;

    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;

    @Option(names = "--shard", paramLabel = "I/N", description = "Run shard I (from 0) of N of the plan (docs/distributed.md).")
    String shard;

    @Option(names = "--shards", paramLabel = "N", description = "Run one of N shards, the index from $JOB_COMPLETION_INDEX (Kubernetes Indexed Job).")
    Integer shards;

    @Option(names = "--start-at", paramLabel = "INSTANT", description = "Shared start of a sharded run, ISO-8601 UTC, e.g. 2026-12-02T14:00:00Z.")
    String startAt;

    @Option(names = "--start-file", paramLabel = "FILE", description = "Shared start of a sharded run: the first shard writes now + --start-delay to FILE on a shared volume, the others read it.")
    Path startFile;

    @Option(names = "--start-delay", paramLabel = "DURATION", defaultValue = "30s", description = "With --start-file: how far ahead the first shard sets the start (default: 30s).")
    String startDelay;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (runId != null && !runId.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}")) {
            throw new ParameterException(spec.commandLine(), "--run-id: a folder name of letters, digits, '.', '_' and '-' "
                    + "(it becomes <out>/<run-id>; no '/' or '..'), was '" + runId + "'");
        }
        Workload w;
        try {
            w = WorkloadOverrides.builder().targets(targets).mode(mode).users(users).rates(rates).arrival(arrival)
                    .maxInFlight(maxInFlight).warmup(warmup).duration(duration).requests(requests).seed(seed)
                    .firstTokenTimeout(firstTokenTimeout).idleTimeout(idleTimeout).percentiles(percentiles).build()
                    .apply(workload != null ? fileWorkload() : flagWorkload());
        } catch (WorkloadException e) {
            err.println("hybench bench: " + e.getMessage());
            return 2;
        }
        LoadRunner.ShardRun shardRun;
        try {
            shardRun = shardRun(w);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            if (Failures.internal(e)) throw e; // a bug of ours, not the user's input: exit 1, a stack trace with --verbose
            err.println("hybench bench: " + e.getMessage());
            return 2;
        }
        return run(w, shardRun, err);
    }

    private Workload fileWorkload() {
        if (url != null || api != null || model != null || flavor != null || apiKeyEnv != null || headers != null || extraBody != null) {
            throw new WorkloadException("--url, --api, --model, --flavor, --api-key-env, --header and --extra-body are for runs without --workload");
        }
        return WorkloadYaml.read(workload);
    }

    /** One target and synthetic prompts from flags, bound like a workload file so defaults and checks are the same. */
    private Workload flagWorkload() {
        if (url == null || api == null || model == null) throw new WorkloadException("give --workload FILE, or --url, --api and --model");
        ObjectNode tree = Json.MAPPER.createObjectNode();
        tree.put("name", "flags");
        ObjectNode target = tree.putArray("targets").addObject()
                .put("name", api.toLowerCase(Locale.ROOT)).put("api", api).put("url", url).put("model", model);
        if (flavor != null) target.put("flavor", flavor);
        if (apiKeyEnv != null) target.put("apiKeyEnv", apiKeyEnv);
        if (headers != null) {
            ObjectNode h = target.putObject("headers");
            for (String header : headers) {
                int colon = header.indexOf(':');
                if (colon < 1) throw new WorkloadException("--header: expected NAME:VALUE, was '" + header + "'");
                h.put(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
            }
        }
        if (extraBody != null) {
            JsonNode body;
            try {
                body = Json.MAPPER.readTree(extraBody);
            } catch (JsonProcessingException e) {
                throw new WorkloadException("--extra-body: not valid JSON: " + e.getOriginalMessage(), e);
            }
            if (body == null || !body.isObject()) throw new WorkloadException("--extra-body: expected a JSON object, was " + extraBody);
            target.set("extraBody", body);
        }
        ObjectNode synthetic = tree.putObject("prompts").putObject("synthetic");
        synthetic.put("inputTokens", inputTokens).put("outputTokens", outputTokens);
        ObjectNode load = tree.putObject("load");
        if (rates != null) load.put("mode", "open").set("rates", Json.MAPPER.valueToTree(rates));
        else load.put("mode", "closed").set("users", Json.MAPPER.valueToTree(users != null ? users : List.of(1)));
        tree.putObject("run").put("duration", "60s");
        return WorkloadYaml.bind(tree, "command line");
    }

    private Integer run(Workload w, LoadRunner.ShardRun shardRun, PrintWriter err) throws Exception {
        try (ProgressBarListener bar = Terminals.drawProgress(noProgress) ? ProgressBarListener.forWorkload(w) : null) {
            RunListener listener = new StopNotice(bar == null ? RunListener.NONE : bar, err, w.shape().load().levelName());
            LoadRunner.Result result = new LoadRunner(w, ClientFactory.streaming(w.traffic().request().timeouts().clientOptions()), listener, shardRun)
                    .run(out, runId, EnvInfo.capture(ProjectVersion.get()));
            PrintWriter o = spec.commandLine().getOut();
            o.print(SweepTable.render(result.summary()));
            o.println("results: " + result.folder().dir());
            CommandLines.record(spec, result.folder().dir());
            boolean reported = CommandLines.writeReport(result.folder().dir(), o, err);
            o.flush();
            return reported ? 0 : 1;
        } catch (IllegalStateException e) {
            err.println("hybench bench: " + e.getMessage());
            return 1;
        }
    }

    /** Says on the error stream when a target's sweep stops early (run.stopOnErrorRate); passes the rest on. */
    private record StopNotice(RunListener next, PrintWriter err, String unit) implements RunListener {
        @Override
        public void stepStarted(StepPlan step, long total, String stepUnit) {
            next.stepStarted(step, total, stepUnit);
        }

        @Override
        public void progress(StepPlan step, SecondSample sample, RunListener.StepProgress progress) {
            next.progress(step, sample, progress);
        }

        @Override
        public void stepFinished(StepPlan step, StepSummary summary) {
            next.stepFinished(step, summary);
        }

        @Override
        public void sweepStopped(Target target, double level, double errorRate) {
            next.sweepStopped(target, level, errorRate);
            err.println(String.format(Locale.ROOT, "hybench bench: %s's sweep stopped after %s=%s: %.0f%% of a step's requests failed "
                    + "(run.stopOnErrorRate); higher levels were not run", target.name(), unit, level == Math.rint(level) ? Long.toString((long) level) : Double.toString(level), errorRate * 100));
            err.flush();
        }

        @Override
        public void sweepStoppedOverSaturated(Target target, double level, OverSaturation.Verdict v) {
            next.sweepStoppedOverSaturated(target, level, v);
            err.println(String.format(Locale.ROOT, "hybench bench: %s's sweep stopped after %s=%s: the server was over-saturated %.1f s into the step "
                    + "(in flight +%.2f/s, TTFT +%.0f ms/s; run.stopOnOverSaturation); higher levels were not run", target.name(), unit,
                    level == Math.rint(level) ? Long.toString((long) level) : Double.toString(level), v.atMs() / 1000, v.concurrencySlope(), v.ttftSlopeMsPerS()));
            err.flush();
        }
    }

    /** The shard options, checked together; null when the run is not sharded. */
    private LoadRunner.ShardRun shardRun(Workload w) throws java.io.IOException {
        if (shard == null && shards == null) {
            if (startAt != null || startFile != null) throw new IllegalArgumentException("--start-at and --start-file need --shard or --shards");
            return null;
        }
        if (shard != null && shards != null) throw new IllegalArgumentException("give --shard I/N or --shards N (with $JOB_COMPLETION_INDEX), not both");
        ShardSpec spec;
        if (shard != null) {
            spec = ShardSpec.parse(shard);
        } else {
            String index = System.getenv("JOB_COMPLETION_INDEX");
            if (index == null) throw new IllegalArgumentException("--shards needs $JOB_COMPLETION_INDEX (set by a Kubernetes Indexed Job); use --shard I/N elsewhere");
            spec = ShardSpec.parse(index + "/" + shards);
        }
        if ((startAt == null) == (startFile == null)) throw new IllegalArgumentException("a sharded run needs exactly one of --start-at and --start-file");
        if (w.shape().run().stopOnErrorRate() != null) {
            throw new IllegalArgumentException("run.stopOnErrorRate is for unsharded runs: each shard would stop on its own share of the errors");
        }
        if (seed == null && (workload == null || !Yaml.READER.readTree(workload.toFile()).has("seed"))) {
            throw new IllegalArgumentException((workload != null ? workload : "command line") + ": a sharded run needs a seed (in the workload or --seed), so every shard draws the same plan");
        }
        SharedStart start = startAt != null ? SharedStart.at(startAt) : SharedStart.fromFile(startFile, java.time.Duration.ofNanos(parseDelay()));
        return new LoadRunner.ShardRun(spec, start);
    }

    private long parseDelay() {
        try {
            return Durations.parseNanos(startDelay);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--start-delay: " + e.getMessage());
        }
    }
}
