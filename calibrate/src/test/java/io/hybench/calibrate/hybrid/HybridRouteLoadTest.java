package io.hybench.calibrate.hybrid;

import io.hybench.bench.client.ApiKind;
import io.hybench.bench.client.ClientOptions;
import io.hybench.bench.client.ServerFlavor;
import io.hybench.bench.client.Target;
import io.hybench.bench.load.ClientFactory;
import io.hybench.bench.load.Distribution;
import io.hybench.bench.load.LoadSpec;
import io.hybench.bench.load.RunLimits;
import io.hybench.bench.load.RunListener;
import io.hybench.bench.metrics.Slo;
import io.hybench.bench.results.EnvInfo;
import io.hybench.calibrate.Calibration;
import io.hybench.calibrate.CalibrationRequest;
import io.hybench.calibrate.CalibrationResult;
import io.hybench.calibrate.collect.CollectorTest;
import io.hybench.calibrate.collect.emulate.AnsweringEmulator;
import io.hybench.calibrate.collect.prompts.PromptSet;
import io.hybench.calibrate.collect.questions.Question;
import io.hybench.calibrate.collect.run.CollectRequest;
import io.hybench.calibrate.collect.run.Collector;
import io.hybench.calibrate.collect.run.Pacer;
import io.hybench.calibrate.collect.run.RetryPolicy;
import io.hybench.calibrate.collect.run.TargetSpec;
import io.hybench.calibrate.data.ColumnMapping;
import io.hybench.calibrate.data.DatasetLoader;
import io.hybench.calibrate.data.LabeledDataset;
import io.hybench.calibrate.export.RouterSpec;
import io.hybench.calibrate.fit.Objective;
import io.hybench.calibrate.policy.PolicyKind;
import io.hybench.calibrate.route.HybridRouteServer;
import io.hybench.calibrate.route.RouteTaken;
import io.hybench.calibrate.router.SpillOver;
import io.hybench.emulator.Emulator;
import io.hybench.emulator.truth.TruthLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole loop over loopback: collect and calibrate against answering emulators, hybench route serving
 * the fitted spec with a local in-flight limit, then a hybrid run through it. At one user the measured
 * route mix and accuracy agree with the what-if; at eight users the limit spills, and every route the
 * run counted is one the router counted.
 */
class HybridRouteLoadTest {
    /** A count per step, not a time: a busy machine must not leave the low-load step too few requests to compare. */
    static final HybridRun.Plan PLAN = new HybridRun.Plan("hybrid-route-load", 64, new LoadSpec.ClosedLoop(List.of(1, 8), new Distribution.Fixed(0)),
            new RunLimits(0, null, 80, 30_000_000_000L, 1), new Slo(2000.0, null, null, 0.9));

    @TempDir
    Path dir;

    @Test
    void measuredAgreesWithPredictedAtLowLoadAndSpillOverAppearsAboveTheLimit() throws Exception {
        List<Question> qs = CollectorTest.shipped();
        try (Emulator local = AnsweringEmulator.start(CollectorTest.LOCAL, 0, 11, TruthLog.discarding(), qs);
             Emulator cloud = AnsweringEmulator.start(CollectorTest.CLOUD, 0, 12, TruthLog.discarding(), qs)) {
            Path labeled = dir.resolve("labeled.jsonl");
            new Collector(Collector.Clients.FROM_ENVIRONMENT, Pacer.SYSTEM, RetryPolicy.DEFAULT, null).run(new CollectRequest(qs,
                    List.of(CollectorTest.SHIPPED),
                    TargetSpec.parse("name=local,api=ollama,url=" + local.baseUrl() + ",model=small-local,concurrency=8,logprobs=true", "local"),
                    List.of(TargetSpec.parse("name=cloud,api=anthropic,url=" + cloud.baseUrl() + ",model=big-cloud,concurrency=8", "cloud")),
                    PromptSet.V1, CollectRequest.GradingSettings.EXACT, null, labeled));
            LabeledDataset data = DatasetLoader.load(List.of(labeled), ColumnMapping.read(dir.resolve("labeled.mapping.yaml")), null);
            CalibrationResult fit = Calibration.run(new CalibrationRequest(data, null,
                    CalibrationRequest.Sweep.of(PolicyKind.CASCADE, "local_mean_logprob", null), List.of(new Objective.MinPgr(0.8)),
                    new CalibrationRequest.Validation(0.3, 0), new CalibrationRequest.Statistics(42, 1000, 0.95, 0.05), LocalDate.of(2026, 1, 1)));
            RouterSpec spec = RouterSpec.of(fit, fit.operatingPoints().getFirst());

            Target l = new Target("local", ApiKind.OLLAMA, ServerFlavor.OLLAMA, local.baseUrl(), "small-local", null, CollectorTest.LOCAL.name());
            Target c = new Target("cloud", ApiKind.ANTHROPIC, ServerFlavor.ANTHROPIC, cloud.baseUrl(), "big-cloud", null, CollectorTest.CLOUD.name());
            HybridSummary s;
            try (HybridRouteServer router = HybridRouteServer.start(new HybridRouteServer.Config(spec, l, c, new SpillOver(2, 0), null), 0)) {
                Target routed = new Target("routed", ApiKind.OPENAI, ServerFlavor.OPENAI, router.baseUrl(), "hybrid", null);
                s = HybridRun.run(PLAN, HybridRunTest.inputs(qs, new HybridTargets(routed, l, c),
                        new HybridAnalysis.Calibration(data, spec)), dir.resolve("h"), ClientFactory.streaming(ClientOptions.DEFAULTS),
                        RunListener.NONE, EnvInfo.capture("test")).summary();
                // Every request of the run is one the router answered, on the route it said; the router also
                // answered the one-token preflight request bench sends before any load.
                long answered = 0, counted = 0;
                for (RouteTaken r : RouteTaken.values()) {
                    long mine = s.levels().stream().filter(x -> x.at().role() == Role.HYBRID).mapToLong(x -> x.answers().routes().getOrDefault(r.header(), 0L)).sum();
                    assertTrue(mine <= router.answered(r), "route " + r.header() + ": the run counts no more than the router answered");
                    answered += router.answered(r);
                    counted += mine;
                }
                assertEquals(answered - 1, counted, "every answer but the preflight's is a measured request with its route");
            }
            HybridLevel one = s.levels().stream().filter(x -> x.at().role() == Role.HYBRID && x.at().load() == 1).findFirst().orElseThrow();
            HybridLevel eight = s.levels().stream().filter(x -> x.at().role() == Role.HYBRID && x.at().load() == 8).findFirst().orElseThrow();
            assertEquals(0, one.shares().spillRate().count(), "one user never reaches a limit of two");
            assertTrue(eight.shares().spillRate().count() > 0, "eight users over a limit of two spill: " + eight.answers().routes());
            List<Check> atOne = s.checks().stream().filter(k -> k.load() == 1).toList();
            assertEquals(4, atOne.size(), "accuracy, local share, escalation rate and cost per 1k at one user");
            for (Check check : atOne) assertEquals(Boolean.TRUE, check.agrees(), "measured agrees with predicted at low load: " + check);
            // The what-if knows no spill-over: above the limit the local share falls below it, and the check says why.
            Check share = s.checks().stream().filter(k -> k.load() == 8 && k.metric().equals("localShare")).findFirst().orElseThrow();
            assertTrue(share.measured().value() < one.shares().localShare().value(), "spill-over takes local share: " + share);
            if (Boolean.FALSE.equals(share.agrees())) assertTrue(share.note().contains("spill"), share.note());
        }
    }
}
