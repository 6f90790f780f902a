package io.hybench.reports.sources;

import io.hybench.bench.client.ApiKind;
import io.hybench.bench.metrics.LevelSummary;
import io.hybench.bench.metrics.Metric;
import io.hybench.bench.metrics.RequestTimingUncertainty;
import io.hybench.bench.metrics.SelfCheck;
import io.hybench.bench.metrics.StepSummary;
import io.hybench.bench.results.RequestLine;
import io.hybench.bench.results.ResultReader;
import io.hybench.bench.results.RunSummary;
import io.hybench.calibrate.cost.CostAnalysis;
import io.hybench.calibrate.data.ColumnMapping;
import io.hybench.calibrate.data.DatasetLoader;
import io.hybench.calibrate.data.LabeledDataset;
import io.hybench.calibrate.router.HybridRouter;
import io.hybench.calibrate.hybrid.GradedRequest;
import io.hybench.calibrate.hybrid.HybridAnalysis;
import io.hybench.calibrate.hybrid.HybridLevel;
import io.hybench.calibrate.hybrid.HybridSummary;
import io.hybench.core.mapper.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Result folders written by earlier versions ({@code hybench demo --users 1,2 --warmup 0s
 * --duration 1s --questions 12}, report.html left out), read with today's readers and rendered
 * into today's reports: collect, calibration and cost from 0.1.0, the bench folder of summary format 2
 * (v0.2.0), of format 3 (v0.4.0), of format 4 (v0.5.0) and of format 5 (v0.6.0). A change that breaks these is a format change: it updates the golden files, docs/results.md
 * and a version field in the same commit. The 0.1.0 bench folder stays to prove the version check.
 */
public class GoldenFoldersTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden/v0.1.0");
    static final Path GOLDEN_BENCH = Path.of("src/test/resources/golden/v0.2.0/bench");
    /** The same demo command's bench folder in summary format 3: chosen percentiles, per-request timing uncertainty, cached tokens. */
    static final Path GOLDEN_BENCH_3 = Path.of("src/test/resources/golden/v0.4.0/bench");
    /** The same demo command's bench folder in summary format 4: each step's and level's requests' timing uncertainty. */
    public static final Path GOLDEN_BENCH_4 = Path.of("src/test/resources/golden/v0.5.0/bench");
    /** The same demo command's bench folder in summary format 5: each step's TTFT and E2E timing uncertainty in its self-check. */
    public static final Path GOLDEN_BENCH_5 = Path.of("src/test/resources/golden/v0.6.0/bench");
    static final Path GOLDEN_HYBRID = Path.of("src/test/resources/golden/v0.2.0/hybrid/bench");
    /** The demo's hybrid step over the Ollama-like deployment: hybench route with a local limit, so real route mixes. */
    public static final Path GOLDEN_HYBRID_ROUTED = Path.of("src/test/resources/golden/v0.2.0/hybrid-routed/bench");

    @TempDir
    Path tmp;

    @Test
    void benchFolderOfAllThreeProtocolsReadsBack() {
        Path dir = GOLDEN_BENCH;
        ResultReader.LoadedRun run = ResultReader.load(dir);
        assertEquals(RunSummary.Status.COMPLETE, run.summary().run().status());
        assertEquals("demo", run.summary().run().workload());
        assertEquals(6, run.summary().steps().size(), "three targets at 1 and 2 users");
        assertEquals(2, run.summary().formatVersion(), "format 2 is still read");
        assertTrue(run.summary().steps().stream().allMatch(s -> s.chosenPercentilesMs() == null), "format 2 has no chosen percentiles");
        assertEquals(3, run.summary().sweeps().size());
        List<RequestLine> requests = ResultReader.requests(dir);
        assertEquals(Set.of(ApiKind.OLLAMA, ApiKind.OPENAI, ApiKind.ANTHROPIC),
                requests.stream().map(r -> r.record().to().api()).collect(Collectors.toSet()));
        long measured = requests.stream().filter(r -> !r.warmup()).count();
        long counted = run.summary().steps().stream().mapToLong(s -> s.counts().requests()).sum();
        assertEquals(counted, measured, "summary.json counts every measured line of requests.jsonl");
        try (Stream<Path> hlogs = Files.list(dir)) {
            List<Path> files = hlogs.filter(p -> p.toString().endsWith(".hlog")).toList();
            assertEquals(6, files.size());
            for (Path hlog : files) {
                assertTrue(ResultReader.histogramTotals(hlog).get(Metric.E2E).getTotalCount() > 0, hlog.toString());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void benchFolderOfFormat3ReadsBackWithItsChosenPercentilesAndRequestUncertainty() throws Exception {
        ResultReader.LoadedRun run = ResultReader.load(GOLDEN_BENCH_3);
        assertEquals(3, run.summary().formatVersion());
        assertEquals(6, run.summary().steps().size(), "three targets at 1 and 2 users");
        for (StepSummary s : run.summary().steps()) {
            assertEquals(List.of("p50", "p90", "p95", "p99", "p99.9"), List.copyOf(s.chosenPercentilesMs().get(Metric.E2E).keySet()));
            assertEquals(s.latencyMs().get(Metric.E2E).p99Ms(), s.chosenPercentilesMs().get(Metric.E2E).get("p99"), "one histogram");
        }
        List<RequestLine> requests = ResultReader.requests(GOLDEN_BENCH_3);
        assertTrue(requests.stream().allMatch(r -> r.record().timeline().uncertainty().requestNanos() != null), "each request's own ±");
        assertTrue(requests.stream().anyMatch(r -> r.record().tokens().cachedInputTokens() != null), "the vLLM-like target reports cached tokens");
        assertTrue(run.summary().steps().stream().allMatch(s -> s.requestTimingUncertaintyMs() == null), "format 3 has no aggregate of it");
        assertTrue(run.summary().levels().stream().allMatch(l -> l.requestTimingUncertaintyMs() == null));
        String html = render(GOLDEN_BENCH_3);
        assertTrue(html.contains("cached input share"));
        assertTrue(html.contains("<th scope=\"col\">request ± P99 ms</th>"), "the column is there, saying not measured");
    }

    /**
     * Format 4: each step's {@code requestTimingUncertaintyMs} is its measured requests' own ± (the lines of requests.jsonl)
     * read off one histogram, and each level's, with one repetition, the same; the report shows it per step.
     */
    @Test
    void benchFolderOfFormat4ReadsBackWithEachStepsRequestTimingUncertainty() throws Exception {
        ResultReader.LoadedRun run = ResultReader.load(GOLDEN_BENCH_4);
        assertEquals(4, run.summary().formatVersion());
        assertEquals(6, run.summary().steps().size(), "three targets at 1 and 2 users");
        List<RequestLine> requests = ResultReader.requests(GOLDEN_BENCH_4);
        for (StepSummary s : run.summary().steps()) {
            List<Long> own = requests.stream().filter(r -> r.step() == s.step().index() && !r.warmup())
                    .map(r -> r.record().timeline().uncertainty().requestNanos()).toList();
            RequestTimingUncertainty u = s.requestTimingUncertaintyMs();
            assertEquals(own.stream().filter(java.util.Objects::nonNull).count(), u.requests(), "step " + s.step().index());
            assertEquals(own.stream().filter(java.util.Objects::isNull).count(), u.requestsWithout());
            assertTrue(u.requests() > 0, "every step of the demo has requests with their own ±");
            long maxNanos = own.stream().filter(java.util.Objects::nonNull).mapToLong(Long::longValue).max().orElseThrow();
            assertEquals(maxNanos / 1e6, u.maxMs(), Math.max(0.001, maxNanos / 1e6 * 0.001), "the largest, to the histogram's 0.1%");
            assertTrue(u.p50Ms() <= u.p99Ms() && u.p99Ms() <= u.maxMs(), u.toString());
            LevelSummary level = run.summary().levels().stream().filter(l -> l.steps().equals(List.of(s.step().index()))).findFirst().orElseThrow();
            assertEquals(u, level.requestTimingUncertaintyMs(), "one repetition: the level is its step");
        }
        String html = render(GOLDEN_BENCH_4);
        assertTrue(html.contains("<th scope=\"col\">request ± P99 ms</th>"));
        for (LevelSummary l : run.summary().levels()) {
            String p99 = String.format(java.util.Locale.ROOT, "<td class=\"num\">%.2f</td>", l.requestTimingUncertaintyMs().p99Ms());
            assertTrue(html.contains(p99), "level " + l.steps() + ": " + p99);
        }
    }

    /**
     * Format 5: each step's self-check carries the P99 over its requests of their TTFT's and E2E's own end-stamp ± (the
     * lines of requests.jsonl; E2E of successful requests only), judges the step by them, and the report shows each
     * latency's ± per step. Format 4 reads with those parts null, shown as not measured.
     */
    @Test
    void benchFolderOfFormat5ReadsBackWithEachLatencysTimingUncertainty() throws Exception {
        ResultReader.LoadedRun run = ResultReader.load(GOLDEN_BENCH_5);
        assertEquals(5, run.summary().formatVersion());
        List<RequestLine> requests = ResultReader.requests(GOLDEN_BENCH_5);
        String html = render(GOLDEN_BENCH_5);
        for (StepSummary s : run.summary().steps()) {
            List<RequestLine> measured = requests.stream().filter(r -> r.step() == s.step().index() && !r.warmup()).toList();
            SelfCheck.Timing t = s.selfCheck().timing();
            assertEquals(p99Ms(measured.stream().map(r -> r.record().timeline().uncertainty().ttftNanos())), t.ttftUncertaintyMs(),
                    0.002 + t.ttftUncertaintyMs() * 0.001, "step " + s.step().index() + " TTFT ±, to the histogram's 0.1%");
            assertEquals(p99Ms(measured.stream().filter(r -> r.record().succeeded()).map(r -> r.record().timeline().uncertainty().e2eNanos())),
                    t.e2eUncertaintyMs(), 0.002 + t.e2eUncertaintyMs() * 0.001, "step " + s.step().index() + " E2E ±");
            assertEquals(s.selfCheck().warnings().stream().anyMatch(w -> w.startsWith("E2E end stamps uncertain")),
                    t.uncertainLatencies().contains("E2E"), "a warning exactly where the E2E ± exceeds the tolerance");
            assertTrue(html.contains(String.format(java.util.Locale.ROOT, "<td class=\"num\">%.2f</td>", t.e2eUncertaintyMs())),
                    "step " + s.step().index() + "'s E2E ± in the sweep table");
        }
        assertTrue(html.contains("<th scope=\"col\">TTFT ± ms</th><th scope=\"col\">token ± ms</th><th scope=\"col\">E2E ± ms</th>"));
        SelfCheck.Timing older = ResultReader.load(GOLDEN_BENCH_4).summary().steps().getFirst().selfCheck().timing();
        assertTrue(older.ttftUncertaintyMs() == null && older.e2eUncertaintyMs() == null, "format 4 has neither");
    }

    /** Nearest-rank P99 of the values present, in ms. */
    private static double p99Ms(Stream<Long> nanos) {
        long[] sorted = nanos.filter(java.util.Objects::nonNull).mapToLong(Long::longValue).sorted().toArray();
        return io.hybench.core.stats.Intervals.nearestRank(sorted, sorted.length, 99) / 1e6;
    }

    @Test
    void benchReportRenders() throws Exception {
        String html = render(GOLDEN_BENCH);
        for (String target : List.of("ollama-8b-q4-emulated", "vllm-8b-a100-emulated", "cloud-frontier-emulated")) {
            assertTrue(html.contains(target), target);
        }
    }

    @Test
    void collectOutputLoadsAsALabeledDataset() {
        Path dir = GOLDEN.resolve("collect");
        LabeledDataset data = DatasetLoader.load(List.of(dir.resolve("labeled.jsonl")), ColumnMapping.read(dir.resolve("labeled.mapping.yaml")), null);
        assertEquals(12, data.rows().size());
        assertTrue(data.scoreNames().contains("local_mean_logprob"), data.scoreNames().toString());
    }

    @Test
    void calibrationFolderReadsBackAndRenders() throws Exception {
        HybridRouter router = HybridRouter.load(GOLDEN.resolve("calibration/router-spec.json"));
        assertTrue(router.hasCascade());
        String html = render(GOLDEN.resolve("calibration"));
        assertTrue(html.contains("local_mean_logprob"));
    }

    @Test
    void costFolderReadsBackAndRenders() throws Exception {
        CostAnalysis cost = Json.MAPPER.readValue(GOLDEN.resolve("cost/cost.json").toFile(), CostAnalysis.class);
        assertFalse(cost.curve().isEmpty());
        String html = render(GOLDEN.resolve("cost"));
        assertTrue(html.contains("gpt-4o-mini"));
    }

    @Test
    void summaryOfFormat1IsRefusedInOneLineWhileItsRequestsAndLogsStillRead() {
        Path old = GOLDEN.resolve("bench");
        String message = assertThrows(IllegalArgumentException.class, () -> ResultReader.load(old)).getMessage();
        assertTrue(message.endsWith("summary.json format 1 (hybench 0.1.0) is not readable by this hybench, which reads formats 2 to "
                + RunSummary.FORMAT_VERSION + "; rerun the workload (workload.resolved.yaml repeats it)"), message);
        assertFalse(message.contains("\n"));
        assertFalse(ResultReader.requests(old).isEmpty());
        assertTrue(ResultReader.histogramTotals(old.resolve("step-00-ollama-8b-q4-emulated.hlog")).get(Metric.E2E).getTotalCount() > 0);
    }

    @Test
    void hybridFolderReadsBackAndRenders() throws Exception {
        Path dir = GOLDEN_HYBRID;
        HybridSummary s = HybridAnalysis.read(dir);
        assertEquals(HybridSummary.FORMAT_VERSION, s.formatVersion());
        assertEquals(List.of("routed", "local", "cloud"), List.of(s.parts().routed(), s.parts().local(), s.parts().cloud()));
        assertEquals(6, s.levels().size(), "three targets at 1 and 2 users");
        assertEquals(12, s.prediction().offline().rows());
        assertEquals(2 * 4, s.checks().size(), "four checks per load of the routed target");
        assertEquals(2 * 4, s.claims().size());
        List<GradedRequest> graded = gradedMeasured(dir);
        for (HybridLevel l : s.levels()) {
            assertEquals(graded.stream().filter(g -> g.at().target().equals(l.at().target()) && g.at().load() == l.at().load()).count(), l.answers().requests());
            assertEquals(l.answers().requests(), l.answers().routes().values().stream().mapToLong(Long::longValue).sum());
        }
        String html = render(dir);
        assertTrue(html.contains(">Hybrid<") && html.contains("Measured beside predicted") && html.contains("Cumulative shares"));
    }

    @Test
    void routedHybridFolderKeepsItsRouteMixAndRenders() throws Exception {
        Path dir = GOLDEN_HYBRID_ROUTED;
        HybridSummary s = HybridAnalysis.read(dir);
        assertEquals(HybridSummary.FORMAT_VERSION, s.formatVersion());
        assertEquals(List.of("hybrid-over-ollama-8b-q4-emulated", "ollama-8b-q4-emulated", "cloud-frontier-emulated"), List.of(s.parts().routed(), s.parts().local(), s.parts().cloud()));
        assertTrue(s.parts().emulated());
        List<GradedRequest> graded = gradedMeasured(dir);
        for (HybridLevel l : s.levels()) {
            List<GradedRequest> mine = graded.stream().filter(g -> g.at().target().equals(l.at().target()) && g.at().load() == l.at().load()).toList();
            assertEquals(mine.size(), l.answers().requests());
            assertEquals(mine.stream().collect(Collectors.groupingBy(g -> g.routing().route(), Collectors.counting())), l.answers().routes());
            assertEquals(l.answers().routes().getOrDefault("spilled", 0L), l.shares().spillRate().count());
            assertEquals(l.answers().routes().getOrDefault("escalated", 0L) + l.answers().routes().getOrDefault("local-degraded", 0L), l.shares().escalationRate().count());
        }
        HybridLevel top = s.levels().stream().filter(l -> l.at().target().equals(s.parts().routed()) && l.at().load() == 4).findFirst().orElseThrow();
        assertEquals(Set.of("local", "escalated", "spilled"), top.answers().routes().keySet(), "four users over the Ollama-like limit: every route");
        assertEquals(2 * 4, s.checks().size());
        String html = render(dir);
        assertTrue(html.contains(">Hybrid<") && html.contains("Cumulative shares") && html.contains("Measured beside predicted"));
        for (String route : top.answers().routes().keySet()) assertTrue(html.contains("<td>" + route + "</td>"), "latency by route has a row for " + route);
    }

    /** The folder's graded requests, one for each measured request of the run. */
    private static List<GradedRequest> gradedMeasured(Path dir) throws java.io.IOException {
        List<GradedRequest> graded = Files.readAllLines(dir.resolve(HybridAnalysis.REQUESTS)).stream()
                .map(l -> read(l, GradedRequest.class)).toList();
        assertEquals(ResultReader.requests(dir).stream().filter(r -> !r.warmup()).count(), graded.size());
        return graded;
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String render(Path folder) throws Exception {
        Path out = tmp.resolve(folder.getFileName() + ".html");
        Reports.write(List.of(folder), List.of(), BenchmarkFolderTest.CTX, out);
        String html = Files.readString(out);
        assertTrue(html.startsWith("<!DOCTYPE html>") || html.startsWith("<!doctype html>"), html.substring(0, 40));
        return html;
    }
}
