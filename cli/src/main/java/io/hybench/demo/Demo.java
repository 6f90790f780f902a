package io.hybench.demo;

import io.hybench.bench.client.ClientOptions;
import io.hybench.bench.client.Target;
import io.hybench.bench.load.ClientFactory;
import io.hybench.bench.load.Distribution;
import io.hybench.bench.load.LoadRunner;
import io.hybench.bench.load.LoadSpec;
import io.hybench.cli.progress.ProgressBarListener;
import io.hybench.bench.load.PromptSpec;
import io.hybench.bench.load.RequestOptions;
import io.hybench.bench.load.RunLimits;
import io.hybench.bench.load.RunListener;
import io.hybench.bench.load.Workload;
import io.hybench.bench.metrics.Slo;
import io.hybench.bench.results.EnvInfo;
import io.hybench.bench.results.SweepTable;
import io.hybench.calibrate.collect.emulate.AnsweringEmulator;
import io.hybench.calibrate.collect.questions.Question;
import io.hybench.calibrate.collect.questions.QuestionLoader;
import io.hybench.calibrate.collect.questions.QuestionMapping;
import io.hybench.core.stats.ConfidenceSpec;
import io.hybench.emulator.Emulator;
import io.hybench.emulator.profile.ProfileLoader;
import io.hybench.emulator.truth.TruthLog;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole pipeline on one machine with no server and no key: starts the serving emulator with
 * several profiles on loopback, runs one closed-loop sweep against each through its own protocol,
 * and leaves a result folder that every other command reads.
 */
public final class Demo {
    /** Settings a user may change; everything else is the demo's fixed, documented workload. */
    public record Settings(Path out, List<Integer> users, long warmupNanos, long durationNanos, long seed, int questions,
                           List<Integer> hybridUsers, long hybridDurationNanos) {
    }

    private Demo() {
    }

    /** The workload: fixed 256-token prompts, exactly 64 output tokens where the server allows, SLOs of a chat product. */
    static Workload workload(Settings s, List<Target> targets) {
        return new Workload("demo", s.seed(), targets,
                new Workload.Traffic(new RequestOptions(true, true, 0.0), new PromptSpec.Synthetic(new Distribution.Fixed(256), new Distribution.Fixed(64))),
                new Workload.Shape(new LoadSpec.ClosedLoop(s.users(), new Distribution.Fixed(0)),
                        new RunLimits(s.warmupNanos(), s.durationNanos(), null, 60_000_000_000L, 1)),
                Workload.Checks.of(new Slo(2000.0, 100.0, null, 0.99), ConfidenceSpec.defaults()));
    }

    /**
     * Example economics for the vLLM-like target: an A100-40GB PCIe (250 W board power) rented at
     * $1.50/h plus $300/month operations, 50 W idle, $0.15/kWh, against gpt-4o-mini from the example
     * price file. Stated inputs, printed with the result; {@code hybench cost} takes your own.
     */
    public static final List<String> COST_EXAMPLE = List.of("--target", "vllm-8b-a100-emulated",
            "--api-model", "gpt-4o-mini", "--rent-usd-per-hour", "1.5", "--ops-usd-per-month", "300", "--power-watts", "250",
            "--idle-watts", "50", "--usd-per-kwh", "0.15");

    /** Runs a hybench subcommand with arguments; returns its exit code (the CLI's own tree, so output goes where the user looks). */
    @FunctionalInterface
    public interface Hybench {
        int run(String... args);
    }

    /**
     * The whole pipeline: emulators that also answer the shipped question set, the bench sweep, then
     * {@code collect} (the vLLM-like deployment as the local model, with logprobs and 3 samples; the
     * cloud-like one as the cloud model), {@code calibrate} on what collect wrote, the hybrid step
     * ({@link DemoHybrid}: the calibrated router under load over each local deployment) and {@code cost}.
     * Every step writes its folder and report under {@code s.out()}; {@code recordCommand} leaves the demo's
     * own command line in the bench folder, which the demo made. Returns the first non-zero exit code, else 0.
     */
    public static int run(Settings s, Path home, String projectVersion, boolean progress, PrintWriter out, Hybench hybench,
                          java.util.function.Consumer<Path> recordCommand)
            throws InterruptedException {
        Path questions = home.resolve("datasets/synthetic-v1.jsonl");
        Path mapping = home.resolve("datasets/synthetic-v1.mapping.yaml");
        List<Question> all = QuestionLoader.load(List.of(questions), QuestionMapping.read(mapping));
        List<Question> qs = all.subList(0, Math.min(s.questions(), all.size()));
        List<Emulator> emulators = new ArrayList<>();
        try {
            List<Target> targets = new ArrayList<>();
            for (DemoTarget d : DemoTarget.DEFAULT) {
                Emulator e = AnsweringEmulator.start(ProfileLoader.load(d.profile()), 0, s.seed(), TruthLog.inMemory(), qs);
                emulators.add(e);
                targets.add(new Target(d.name(), d.api(), d.flavor(), e.baseUrl(), e.profile().model(), null, d.profile()));
                out.printf("emulating %-38s %s (%s protocol)%n", d.profile(), e.baseUrl(), d.api().name().toLowerCase(java.util.Locale.ROOT));
            }
            out.println("Bench: the same closed-loop sweep (users " + s.users() + ") against each, measuring TTFT, TPOT, E2E, throughput and goodput per load:");
            out.flush();
            Workload w = workload(s, targets);
            LoadRunner.Result bench;
            try (ProgressBarListener bar = progress ? ProgressBarListener.forWorkload(w) : null) {
                bench = new LoadRunner(w, ClientFactory.streaming(ClientOptions.DEFAULTS), bar == null ? RunListener.NONE : bar)
                        .run(s.out(), "bench", EnvInfo.capture(projectVersion));
            }
            out.print(SweepTable.render(bench.summary()));
            out.println("bench results: " + bench.folder().dir());
            out.println();
            out.flush();
            recordCommand.accept(bench.folder().dir());
            int rc = hybench.run("report", "--in", bench.folder().dir().toString());
            if (rc != 0) return rc;

            Target local = targets.get(1), cloud = targets.get(2);
            Path labeled = s.out().resolve("collect").resolve("labeled.jsonl");
            out.println("Collecting a labeled routing dataset: " + qs.size() + " questions to " + local.name() + " (local) and " + cloud.name() + " (cloud),"
                    + " measuring each side's accuracy and the local answers' confidence signals:");
            out.flush();
            String localSpec = "name=local,api=openai,flavor=vllm,url=" + local.baseUrl() + ",model=" + local.model();
            String cloudSpec = "name=cloud,api=anthropic,url=" + cloud.baseUrl() + ",model=" + cloud.model();
            List<String> collect = new ArrayList<>(List.of("collect", "--questions", questions.toString(), "--mapping", mapping.toString(),
                    "--local", localSpec + ",emulator-profile=" + local.emulatorProfile() + ",concurrency=32,logprobs=true,top-logprobs=7,samples=3",
                    "--cloud", cloudSpec + ",emulator-profile=" + cloud.emulatorProfile() + ",concurrency=32",
                    "--limit", Integer.toString(qs.size()), "--out", labeled.toString()));
            if (!progress) collect.add("--no-progress");
            rc = hybench.run(collect.toArray(String[]::new));
            if (rc != 0) return rc;

            out.println();
            out.println("Calibrating the local/cloud cascade on it (the accuracy/cost frontier and the threshold that recovers 80% of the gap):");
            out.flush();
            rc = hybench.run("calibrate", "--dataset", labeled.toString(), "--mapping", labeled.resolveSibling("labeled.mapping.yaml").toString(),
                    "--target-pgr", "0.8", "--seed", Long.toString(s.seed()), "--local-target", localSpec, "--cloud-target", cloudSpec,
                    "--out", s.out().resolve("calibration").toString());
            if (rc != 0) return rc;

            out.println();
            out.println("The hybrid system under load: hybench route with that spec over each local deployment and the cloud, every answer graded,"
                    + " beside each part alone (accuracy, route mix, spill-over, cloud calls per 1k queries, user-visible TTFT/E2E per load;"
                    + " measured beside what the calibration predicts):");
            out.flush();
            rc = DemoHybrid.run(new DemoHybrid.Load(s.hybridUsers(), s.hybridDurationNanos()),
                    new DemoHybrid.Inputs(qs, bench.folder().dir(), labeled, s.out().resolve("calibration"), s.seed()),
                    targets.get(0), local, cloud, s.out(), projectVersion, out, hybench);
            if (rc != 0) return rc;
        } finally {
            emulators.forEach(Emulator::close);
        }
        out.println();
        out.println("Cost of self-hosting the vLLM-like deployment vs an API (example inputs: " + String.join(" ", COST_EXAMPLE) + "):");
        out.flush();
        List<String> cost = new ArrayList<>(List.of("cost", "--bench", s.out().resolve("bench").toString(), "--out", s.out().resolve("cost").toString(),
                "--prices", home.resolve("docs/prices.example.yaml").toString()));
        cost.addAll(COST_EXAMPLE);
        return hybench.run(cost.toArray(String[]::new));
    }
}
