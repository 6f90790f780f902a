package io.hybench.demo;

import io.hybench.bench.client.ApiKind;
import io.hybench.bench.client.ClientOptions;
import io.hybench.bench.client.ServerFlavor;
import io.hybench.bench.client.Target;
import io.hybench.bench.load.ClientFactory;
import io.hybench.bench.load.Distribution;
import io.hybench.bench.load.LoadSpec;
import io.hybench.bench.load.RunLimits;
import io.hybench.bench.metrics.Slo;
import io.hybench.bench.results.EnvInfo;
import io.hybench.calibrate.collect.grade.Grading;
import io.hybench.calibrate.collect.grade.NumericTolerance;
import io.hybench.calibrate.collect.grade.TextGrader;
import io.hybench.calibrate.collect.questions.Question;
import io.hybench.calibrate.data.ColumnMapping;
import io.hybench.calibrate.data.DatasetLoader;
import io.hybench.calibrate.export.CalibrationWriter;
import io.hybench.calibrate.hybrid.HybridAnalysis;
import io.hybench.calibrate.hybrid.HybridRun;
import io.hybench.calibrate.hybrid.HybridTable;
import io.hybench.calibrate.hybrid.HybridTargets;
import io.hybench.calibrate.route.HybridRouteServer;
import io.hybench.calibrate.route.LocalCapacity;
import io.hybench.calibrate.router.SpillOver;
import io.hybench.cli.progress.StepLines;
import io.hybench.core.stats.ConfidenceSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The demo's hybrid step: {@code hybench route} serving the spec the demo just calibrated, over each
 * emulated local deployment and the cloud, under rising load beside each part alone (one hybrid run per
 * local deployment, every answer graded). The router over the Ollama-like deployment admits at most the
 * load the bench step showed it serves within its SLOs and spills the rest to the cloud; the one over the
 * vLLM-like deployment has no limit, so the two runs show spill-over next to none.
 */
final class DemoHybrid {
    private DemoHybrid() {
    }

    /**
     * The hybrid step's closed-loop levels and measured time per step. No warm-up: a step shorter than one
     * saturated request would otherwise measure nothing, as every user's first request went out in the warm-up.
     */
    record Load(List<Integer> users, long durationNanos) {
    }

    /** What the step reads from the steps before it. */
    record Inputs(List<Question> questions, Path benchDir, Path labeled, Path calibrationDir, long seed) {
    }

    /** Runs both hybrid runs into {@code out/hybrid-<local>/}; returns the first non-zero exit code of their reports, else 0. */
    static int run(Load load, Inputs in, Target ollama, Target vllm, Target cloud, Path out, String projectVersion, PrintWriter w,
                   Demo.Hybench hybench) throws InterruptedException {
        try {
            HybridAnalysis.Calibration calibration = new HybridAnalysis.Calibration(DatasetLoader.load(List.of(in.labeled()),
                    ColumnMapping.read(in.labeled().resolveSibling("labeled.mapping.yaml")).validated(), null),
                    CalibrationWriter.readSpec(in.calibrationDir().resolve("router-spec.json")));
            int limit = spillLimit(in.benchDir(), ollama, w);
            HybridRun.Plan plan = new HybridRun.Plan("demo-hybrid", 256, new LoadSpec.ClosedLoop(load.users(), new Distribution.Fixed(0)),
                    new RunLimits(0, load.durationNanos(), null, 60_000_000_000L, 1), new Slo(2000.0, null, null, 0.9));
            int rc = 0;
            for (Target local : List.of(ollama, vllm)) {
                SpillOver spill = local == ollama ? new SpillOver(limit, 0) : null;
                try (HybridRouteServer router = HybridRouteServer.start(new HybridRouteServer.Config(calibration.spec(), local, cloud, spill, null), 0)) {
                    Target routed = new Target("hybrid-over-" + local.name(), ApiKind.OPENAI, ServerFlavor.OPENAI, router.baseUrl(), "hybrid", null, null);
                    w.println();
                    w.println("  hybench route at " + router.baseUrl() + " over " + local.name() + " and " + cloud.name() + " ("
                            + (spill == null ? "no local limit" : "spills beyond " + limit + " local requests in flight") + "), users " + load.users() + ":");
                    w.flush();
                    HybridAnalysis.Inputs inputs = new HybridAnalysis.Inputs(in.questions(),
                            Grading.of(NumericTolerance.EXACT, new TextGrader(TextGrader.Mode.EXACT)), new HybridTargets(routed, local, cloud), null,
                            calibration, ConfidenceSpec.defaults(), in.seed());
                    HybridRun.Result r = HybridRun.run(plan, inputs, out.resolve("hybrid-" + local.name()), ClientFactory.streaming(ClientOptions.DEFAULTS),
                            new StepLines(w), EnvInfo.capture(projectVersion));
                    w.print(HybridTable.render(r.summary()));
                    w.println("hybrid results: " + r.bench().folder().dir());
                    w.flush();
                    int reported = hybench.run("report", "--in", r.bench().folder().dir().toString());
                    if (rc == 0) rc = reported;
                }
            }
            return rc;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Ollama-like router's local limit: the most users the bench step saw it serve within the SLOs, else 1 (said so). */
    private static int spillLimit(Path benchDir, Target ollama, PrintWriter w) {
        try {
            LocalCapacity c = LocalCapacity.fromBenchRun(benchDir, ollama.name());
            w.println("  " + ollama.name() + "'s local limit: " + c.basis());
            return c.maxInFlight();
        } catch (IllegalArgumentException e) {
            // LocalCapacity says why in a plain IllegalArgumentException; a subclass (NumberFormatException, say) is a bug
            // of ours that fails the demo instead of hiding in this line (Failures.internal, which the demo cannot import),
            // and so is one with a cause: the demo's own summary.json not reading back.
            if (e.getClass() != IllegalArgumentException.class || e.getCause() != null) throw e;
            w.println("  " + ollama.name() + "'s local limit: 1 in flight (" + e.getMessage() + ")");
            return 1;
        }
    }
}
