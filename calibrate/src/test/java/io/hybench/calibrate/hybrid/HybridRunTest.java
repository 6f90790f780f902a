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
import io.hybench.bench.results.RequestLine;
import io.hybench.bench.results.ResultReader;
import io.hybench.calibrate.collect.CollectorTest;
import io.hybench.calibrate.collect.emulate.AnsweringEmulator;
import io.hybench.calibrate.collect.grade.Grading;
import io.hybench.calibrate.collect.grade.NumericTolerance;
import io.hybench.calibrate.collect.grade.TextGrader;
import io.hybench.calibrate.collect.questions.Question;
import io.hybench.calibrate.cost.CostUnit;
import io.hybench.calibrate.cost.ModelPrice;
import io.hybench.calibrate.cost.PriceFile;
import io.hybench.core.mapper.Json;
import io.hybench.core.stats.ConfidenceSpec;
import io.hybench.emulator.Emulator;
import io.hybench.emulator.truth.AnswerRecord;
import io.hybench.emulator.truth.TruthLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A hybrid run over real loopback HTTP against answering emulators: every measured request is graded,
 * and the grades agree with what the emulators' answer model says it answered (its truth log).
 */
class HybridRunTest {
    static final PriceFile PRICES = new PriceFile(LocalDate.of(2026, 1, 1), "USD",
            Map.of("small-local", new ModelPrice(0, 0, "self-hosted"), "big-cloud", new ModelPrice(1.0, 4.0, "test list")));

    @TempDir
    Path dir;

    static HybridRun.Plan plan(List<Integer> users) {
        return new HybridRun.Plan("hybrid-test", 64, new LoadSpec.ClosedLoop(users, new Distribution.Fixed(0)),
                new RunLimits(0, 700_000_000L, null, 30_000_000_000L, 1), new Slo(2000.0, null, null, 0.9));
    }

    static HybridAnalysis.Inputs inputs(List<Question> qs, HybridTargets targets, HybridAnalysis.Calibration calibration) {
        return new HybridAnalysis.Inputs(qs, Grading.of(NumericTolerance.EXACT, new TextGrader(TextGrader.Mode.EXACT)), targets, PRICES,
                calibration, ConfidenceSpec.defaults(), 7);
    }

    @Test
    void everyAnswerIsGradedAsTheEmulatorAnsweredIt() throws Exception {
        List<Question> qs = CollectorTest.shipped();
        HybridRun.Result r;
        List<AnswerRecord> localTruth, cloudTruth;
        try (Emulator local = AnsweringEmulator.start(CollectorTest.LOCAL, 0, 1, TruthLog.inMemory(), qs);
             Emulator cloud = AnsweringEmulator.start(CollectorTest.CLOUD, 0, 2, TruthLog.inMemory(), qs)) {
            // No router on this machine's loopback: the routed target is a plain server (a router of the
            // user's without route headers), which must work the same, its routes "unknown".
            Target routed = new Target("routed", ApiKind.OPENAI, ServerFlavor.OPENAI, local.baseUrl(), "small-local", null, CollectorTest.LOCAL.name());
            Target l = new Target("local", ApiKind.OLLAMA, ServerFlavor.OLLAMA, local.baseUrl(), "small-local", null, CollectorTest.LOCAL.name());
            Target c = new Target("cloud", ApiKind.ANTHROPIC, ServerFlavor.ANTHROPIC, cloud.baseUrl(), "big-cloud", null, CollectorTest.CLOUD.name());
            r = HybridRun.run(plan(List.of(1, 2)), inputs(qs, new HybridTargets(routed, l, c), null), dir.resolve("h"),
                    ClientFactory.streaming(ClientOptions.DEFAULTS), RunListener.NONE, EnvInfo.capture("test"));
            List<RequestLine> lines = ResultReader.requests(r.bench().folder().dir());
            localTruth = answers(local, lines.stream().filter(x -> !x.record().to().target().equals("cloud")).count());
            cloudTruth = answers(cloud, lines.stream().filter(x -> x.record().to().target().equals("cloud")).count());
        }
        Path run = r.bench().folder().dir();
        List<GradedRequest> graded = Files.readAllLines(run.resolve(HybridAnalysis.REQUESTS)).stream()
                .map(s -> read(s, GradedRequest.class)).toList();
        assertEquals(ResultReader.requests(run).size(), graded.size(), "no warm-up: every request is measured and graded");
        assertTrue(graded.stream().allMatch(g -> g.outcome().succeeded()));
        assertEquals(localTruth.stream().filter(AnswerRecord::correct).count(),
                graded.stream().filter(g -> !g.at().target().equals("cloud") && g.outcome().correct()).count(), "local answers graded as the emulator gave them");
        assertEquals(cloudTruth.stream().filter(AnswerRecord::correct).count(),
                graded.stream().filter(g -> g.at().target().equals("cloud") && g.outcome().correct()).count(), "cloud answers graded as the emulator gave them");

        HybridSummary s = HybridAnalysis.read(run);
        assertEquals(HybridSummary.FORMAT_VERSION, s.formatVersion());
        assertEquals(CostUnit.USD, s.costing().costUnit());
        assertTrue(s.parts().emulated());
        assertEquals(6, s.levels().size(), "three targets at two loads");
        for (HybridLevel level : s.levels()) {
            List<GradedRequest> mine = graded.stream().filter(g -> g.at().target().equals(level.at().target()) && g.at().load() == level.at().load()).toList();
            assertEquals(mine.size(), level.answers().requests());
            assertEquals(mine.stream().filter(g -> g.outcome().correct()).count(), level.answers().accuracy().count());
            assertTrue(level.answers().accuracy().lower() <= level.answers().accuracy().value() && level.answers().accuracy().value() <= level.answers().accuracy().upper());
            switch (level.at().role()) {
                case LOCAL_ONLY -> {
                    assertEquals(1.0, level.shares().localShare().value());
                    assertEquals(0.0, level.costPer1k().value(), "a self-hosted model's list price is 0");
                }
                case CLOUD_ONLY -> {
                    assertEquals(0.0, level.shares().localShare().value());
                    double usd = mine.stream().mapToDouble(g -> (g.legs().cloud().inputTokens() * 1.0 + g.legs().cloud().outputTokens() * 4.0) / 1e6).sum();
                    assertEquals(1000 * usd / mine.size(), level.costPer1k().value(), 1e-12);
                }
                case HYBRID -> {
                    assertEquals(Map.of("unknown", (long) mine.size()), level.answers().routes(), "a router without route headers");
                    assertTrue(Double.isNaN(level.shares().localShare().value()));
                    assertTrue(Double.isNaN(level.costPer1k().value()), "which model answered is unknown, so is the cost");
                }
            }
        }
        assertEquals(8, s.claims().size(), "four claims at each of two loads");
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<AnswerRecord> answers(Emulator e, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (e.truth().answers().size() < expected && System.nanoTime() < deadline) Thread.sleep(10);
        assertEquals(expected, e.truth().answers().size(), "one answer record per request");
        return e.truth().answers();
    }
}
