package io.hybench.reports.sources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybench.bench.load.LoadRunner;
import io.hybench.bench.metrics.LevelSummary;
import io.hybench.bench.metrics.Metric;
import io.hybench.bench.metrics.SecondSample;
import io.hybench.bench.metrics.StepSummary;
import io.hybench.bench.results.RunFolder;
import io.hybench.bench.results.RunSummary;
import io.hybench.core.mapper.Json;
import io.hybench.emulator.TestProfiles;
import io.hybench.reports.html.EmulatedTarget;
import io.hybench.reports.html.Page;
import io.hybench.reports.html.PageRenderer;
import io.hybench.reports.pages.BenchmarkReportData;
import io.hybench.reports.pages.LatencyMetric;
import io.hybench.reports.pages.SweepStep;
import io.hybench.reports.pages.TargetResult;
import io.hybench.reports.pages.TimeSeries;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchmarkFolderTest {
    static final ReportContext CTX = new ReportContext("9.9-test", "hybench report --in x", Instant.parse("2026-03-01T12:00:00Z"));

    @TempDir
    static Path results;
    static LoadRunner.Result run;

    @BeforeAll
    static void runAgainstTheEmulator() throws Exception {
        run = RealFolders.benchRun(results, "vllm-run", TestProfiles.vllm(""));
    }

    @Test
    void everyLevelBecomesASweepStepWithTheSummarysNumbers() {
        BenchmarkReportData data = BenchmarkFolder.load(run.folder().dir(), CTX);
        assertEquals("vllm-run", data.runId());
        assertEquals("concurrent users", data.loadAxis());
        assertTrue(data.geometricLoad(), "1, 2, 4 double at every step");
        TargetResult t = data.targets().getFirst();
        assertEquals(List.of(1.0, 2.0, 4.0), t.steps().stream().map(SweepStep::load).toList());
        for (int i = 0; i < 3; i++) {
            LevelSummary level = run.summary().levels().get(i);
            SweepStep step = t.steps().get(i);
            StepSummary only = run.summary().steps().get(level.steps().getFirst());
            assertEquals(only.rates().outputTokensPerSecond(), step.outputTokensPerSecond().value(), "a short step keeps its rate, without interval");
            assertTrue(step.outputTokensPerSecond().value() > 0);
            assertEquals(level.outcome().succeeded(), step.succeeded());
            assertEquals(level.outcome().requests() - level.outcome().succeeded(), step.failed());
            assertEquals(level.latencyMs().get(Metric.TTFT).p50Ms(), step.latency().get(LatencyMetric.TTFT).p50Ms().value());
            assertEquals(only.intervals().e2eP99Ms().lower(), step.latency().get(LatencyMetric.E2E).p99Ms().low(), "one repetition: the step's bootstrap interval");
        }
    }

    @Test
    void distributionsAreTheStepsHistogramsAddedUp() {
        TargetResult t = BenchmarkFolder.load(run.folder().dir(), CTX).targets().getFirst();
        long successes = run.summary().steps().stream().mapToLong(s -> s.counts().succeeded()).sum();
        assertEquals(72, run.summary().steps().stream().mapToLong(s -> s.counts().requests()).sum(), "3 steps x 24 measured requests");
        assertEquals(successes, t.distributions().get(LatencyMetric.E2E).totalCount());
        assertEquals(successes, t.distributions().get(LatencyMetric.TTFT).totalCount());
        double maxOfSteps = run.summary().steps().stream().mapToDouble(s -> s.latencyMs().get(Metric.E2E).maxMs()).max().orElseThrow();
        assertEquals(maxOfSteps, t.distributions().get(LatencyMetric.E2E).maxMs(), maxOfSteps * 1e-3, "same histograms, so the same maximum");
    }

    @Test
    void timeSeriesCarryEveryOutputTokenOfTheSummarysSamples() {
        TargetResult t = BenchmarkFolder.load(run.folder().dir(), CTX).targets().getFirst();
        TimeSeries tokens = t.timeSeries().stream().filter(s -> s.quantity().equals("output tokens/s")).findFirst().orElseThrow();
        List<SecondSample> samples = run.summary().steps().stream().flatMap(s -> s.context().series().stream()).toList();
        double tokensFromRates = 0;
        for (int i = 0; i < samples.size(); i++) tokensFromRates += tokens.values()[i] * samples.get(i).intervalNanos() / 1e9;
        assertEquals(samples.stream().mapToLong(x -> x.ended().outputTokens()).sum(), tokensFromRates, 1e-6);
        assertTrue(t.timeSeries().stream().anyMatch(s -> s.quantity().equals("P99 E2E (ms)")), "tail latency over time from the .hlog intervals");
    }

    @Test
    void provenanceLabelsTheEmulatedTargetAndReproducesFromTheResolvedWorkload() {
        BenchmarkReportData data = BenchmarkFolder.load(run.folder().dir(), CTX);
        assertEquals(List.of(new EmulatedTarget("emu", "test-vllm")), data.provenance().emulated());
        assertEquals("test-version", data.provenance().projectVersion(), "the version that measured");
        var version = io.hybench.bench.results.ResultReader.load(run.folder().dir()).env().targets().getFirst();
        String expected = version.version() != null ? version.version() : "not known: " + version.note();
        assertTrue(data.provenance().environment().stream().anyMatch(f -> f.label().equals("Version of emu") && f.value().startsWith(expected)),
                "the server version (or why not) that env.json recorded: " + data.provenance().environment());
        int port = java.net.URI.create(data.workload().stream().filter(f -> f.label().equals("Target emu")).findFirst().orElseThrow()
                .value().replaceAll(".* at (\\S+).*", "$1")).getPort();
        assertEquals("hybench emulate --profile test-vllm --port " + port + " &\nhybench bench --workload "
                + run.folder().dir().toAbsolutePath().normalize().resolve(RunFolder.WORKLOAD), data.provenance().reproduceCommand());
        String html = new PageRenderer().render(new io.hybench.reports.pages.BenchmarkPage(io.hybench.reports.charts.PngChartEncoder.standard()).build(data));
        assertTrue(html.contains("emu ran on the hybench emulator, profile test-vllm"), "the page says so at the top");
    }

    @Test
    void reportsFromHistogramsWithoutTheRequestLog(@TempDir Path copyRoot) throws Exception {
        Path copy = copyRoot.resolve("no-requests");
        Files.createDirectories(copy);
        try (var files = Files.list(run.folder().dir())) {
            for (Path f : files.toList()) {
                if (!f.getFileName().toString().equals(RunFolder.REQUESTS)) Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        Page page = Reports.build(List.of(copy), List.of(), CTX);
        assertEquals("Benchmark", page.kind());
    }

    @Test
    void aStepStoppedByOverSaturationSaysWhenAndWhy(@TempDir Path copyRoot) throws Exception {
        Path copy = copyRoot.resolve("stopped");
        Files.createDirectories(copy);
        try (var files = Files.list(run.folder().dir())) {
            for (Path f : files.toList()) Files.copy(f, copy.resolve(f.getFileName()));
        }
        ObjectNode summary = (ObjectNode) Json.MAPPER.readTree(copy.resolve(RunFolder.SUMMARY).toFile());
        ((ObjectNode) summary.get("steps").get(2)).set("stopped", Json.MAPPER.readTree("""
                {"reason": "overSaturation", "atMs": 3042.6, "concurrencySlope": 19.95, "concurrencyMoe": 0.25, "concurrencyPoints": 57,
                 "ttftSlopeMsPerS": 803.7, "ttftMoe": 0.06, "ttftPoints": 10, "ttftViolations": 10}"""));
        Json.MAPPER.writeValue(copy.resolve(RunFolder.SUMMARY).toFile(), summary);
        List<SweepStep> steps = BenchmarkFolder.load(copy, CTX).targets().getFirst().steps();
        assertTrue(steps.get(2).warnings().contains("stopped 3.0 s in: the server was over-saturated (requests in flight +19.95/s, "
                + "TTFT +804 ms/s; run.stopOnOverSaturation), so higher loads were not run."), steps.get(2).warnings().toString());
        assertTrue(steps.get(1).warnings().stream().noneMatch(w -> w.contains("over-saturated")));
    }

    @Test
    void aFolderWithoutSummaryOrAMissingLogIsNamedInTheError(@TempDir Path dir) throws Exception {
        Path copy = dir.resolve("broken");
        Files.createDirectories(copy);
        Files.copy(run.folder().dir().resolve(RunFolder.WORKLOAD), copy.resolve(RunFolder.WORKLOAD));
        Files.copy(run.folder().dir().resolve(RunFolder.ENV), copy.resolve(RunFolder.ENV));
        String noSummary = assertThrows(IllegalArgumentException.class, () -> BenchmarkFolder.load(copy, CTX)).getMessage();
        assertTrue(noSummary.contains(copy + ": no summary.json"), noSummary);
        Files.copy(run.folder().dir().resolve(RunFolder.SUMMARY), copy.resolve(RunFolder.SUMMARY));
        String noLog = assertThrows(IllegalArgumentException.class, () -> BenchmarkFolder.load(copy, CTX)).getMessage();
        assertTrue(noLog.contains("step-00-emu.hlog for step 0, but the file is missing"), noLog);
        assertFalse(run.summary().run().status() != RunSummary.Status.COMPLETE);
    }

    @Test
    void onlyLoadsGrowingByFactorsGetALogAxis() {
        assertTrue(BenchmarkFolder.geometric(List.of(0.5, 1.0, 2.0, 4.0)));
        assertFalse(BenchmarkFolder.geometric(List.of(1.0, 2.0, 3.0)));
        assertFalse(BenchmarkFolder.geometric(List.of(1.0, 4.0)), "two points say nothing about spacing");
        assertFalse(BenchmarkFolder.geometric(List.of(0.0, 1.0, 2.0)), "a log axis cannot show 0");
    }
}
