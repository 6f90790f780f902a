package io.hybench.cli;

import io.hybench.bench.client.ServerFlavor;
import io.hybench.bench.client.Target;
import io.hybench.bench.load.Distribution;
import io.hybench.bench.load.PromptSpec;
import io.hybench.bench.load.Workload;
import io.hybench.bench.load.WorkloadYaml;
import io.hybench.bench.metrics.Metric;
import io.hybench.bench.metrics.StepSummary;
import io.hybench.bench.results.ResultReader;
import io.hybench.bench.results.RunFolder;
import io.hybench.bench.results.RunSummary;
import io.hybench.emulator.Emulator;
import io.hybench.emulator.profile.ProfileLoader;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchCommandTest {
    private static final Path EXAMPLE = Path.of("..", "docs", "workloads", "chat-sweep.yaml");

    @Test
    void badOverrideIsReportedByOptionName(@TempDir Path dir) {
        CliRun o = CliRun.of("bench", "--workload", EXAMPLE.toString(), "--mode", "open", "--out", dir.toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("--mode open: give --rates"), o.err());
        CliRun t = CliRun.of("bench", "--workload", EXAMPLE.toString(), "--target", "nope", "--out", dir.toString());
        assertTrue(t.err().contains("--target: no target named 'nope' in the workload (has: ollama-local, vllm-local)"), t.err());
    }

    @Test
    void badWorkloadFileNamesTheField(@TempDir Path dir) throws Exception {
        Path w = dir.resolve("w.yaml");
        Files.writeString(w, Files.readString(EXAMPLE).replace("users: [1, 2, 4, 8, 16, 32]", "users: [1, -2]"));
        CliRun o = CliRun.of("bench", "--workload", w.toString(), "--out", dir.toString());
        assertEquals(2, o.code());
        assertTrue(o.err().matches("(?s)hybench bench: " + java.util.regex.Pattern.quote(w.toString()) + ":\\d+:\\d+: load.users: must be >= 1, was -2\\R"), o.err());
    }

    @Test
    void flagsAloneRunAndTheResolvedWorkloadIsWritten(@TempDir Path dir) throws Exception {
        try (Emulator e = Emulator.start(ProfileLoader.load("llama3.1-8b-a100-vllm"), 0, 5)) {
            CliRun r = CliRun.of("bench", "--url", e.baseUrl().toString(), "--api", "openai", "--flavor", "vllm", "--model", e.profile().model(),
                    "--users", "1,2", "--input-tokens", "64", "--output-tokens", "8", "--requests", "3", "--warmup", "0s", "--seed", "7",
                    "--header", "X-Run: flags", "--extra-body", "{\"top_k\": 5}", "--percentiles", "99.9,50,90,99",
                    "--no-progress", "--out", dir.toString(), "--run-id", "f");
            assertEquals(0, r.code(), r.err());
            Workload w = WorkloadYaml.read(dir.resolve("f").resolve(RunFolder.WORKLOAD));
            Target t = w.targets().getFirst();
            assertEquals(List.of("openai", ServerFlavor.VLLM, "flags", 5), List.of(t.name(), t.flavor(), t.headers().get("X-Run"), t.extraBody().get("top_k")));
            assertEquals(new PromptSpec.Synthetic(new Distribution.Fixed(64), new Distribution.Fixed(8)), w.traffic().prompts());
            assertEquals(List.of(1.0, 2.0), w.shape().load().levels());
            assertEquals(3, w.shape().run().requests());
            assertEquals(7, w.seed());
            assertEquals(List.of(50.0, 90.0, 99.0, 99.9), w.checks().percentiles().values(), "--percentiles, sorted");
            RunSummary summary = ResultReader.load(dir.resolve("f")).summary();
            assertEquals(RunSummary.FORMAT_VERSION, summary.formatVersion());
            for (StepSummary step : summary.steps()) {
                Map<String, Double> e2e = step.chosenPercentilesMs().get(Metric.E2E);
                assertEquals(List.of("p50", "p90", "p99", "p99.9"), List.copyOf(e2e.keySet()));
                assertEquals(step.latencyMs().get(Metric.E2E).p99Ms(), e2e.get("p99"), "the fixed P99 and the chosen one: one histogram");
            }
        }
    }

    @Test
    void flagOnlyRunsNameWhatIsMissingOrWrong(@TempDir Path dir) {
        CliRun noModel = CliRun.of("bench", "--url", "http://127.0.0.1:9", "--api", "openai", "--out", dir.toString());
        assertEquals(2, noModel.code());
        assertTrue(noModel.err().contains("give --workload FILE, or --url, --api and --model"), noModel.err());
        CliRun badApi = CliRun.of("bench", "--url", "http://127.0.0.1:9", "--api", "grpc", "--model", "m", "--out", dir.toString());
        assertEquals(2, badApi.code());
        assertTrue(badApi.err().contains("command line: targets[0].api: expected one of ollama, openai, anthropic, was 'grpc'"), badApi.err());
        CliRun secret = CliRun.of("bench", "--url", "http://127.0.0.1:9", "--api", "openai", "--model", "m",
                "--header", "Authorization: Bearer sk-1", "--out", dir.toString());
        assertEquals(2, secret.code());
        assertTrue(secret.err().contains("write env:VARIABLE"), secret.err());
        CliRun pct = CliRun.of("bench", "--url", "http://127.0.0.1:9", "--api", "openai", "--model", "m", "--percentiles", "50,x", "--out", dir.toString());
        assertEquals(2, pct.code());
        assertEquals("hybench bench: --percentiles: expected numbers separated by commas, was '50,x'", pct.err().strip());
        CliRun body = CliRun.of("bench", "--url", "http://127.0.0.1:9", "--api", "openai", "--model", "m", "--extra-body", "[1]", "--out", dir.toString());
        assertTrue(body.err().contains("--extra-body: expected a JSON object"), body.err());
        CliRun mixed = CliRun.of("bench", "--workload", EXAMPLE.toString(), "--url", "http://127.0.0.1:9", "--out", dir.toString());
        assertTrue(mixed.err().contains("are for runs without --workload"), mixed.err());
    }

    @Test
    void aTargetWithoutAClientFailsBeforeAnyLoadOrResultFolder(@TempDir Path dir) {
        Path out = dir.resolve("results");
        CliRun o = CliRun.of("bench", "--workload", EXAMPLE.toString(), "--no-progress", "--out", out.toString());
        assertEquals(1, o.code());
        assertTrue(o.err().contains("target 'ollama-local'"), o.err());
        assertFalse(Files.exists(out), "nothing was written");
    }

    @Test
    void aBugOfOursInTheShardOptionsIsAnInternalErrorWhileAMissingStartStaysBadInput(@TempDir Path dir) {
        CliRun bug = CliRun.withBug("bench", "--url", "http://127.0.0.1:9", "--api", "openai", "--model", "m", "--seed", "1", "--shard", "0/2",
                "--start-file", CliRun.BROKEN, "--out", dir.toString());
        assertEquals(1, bug.code(), bug.err());
        assertEquals(List.of(CliRun.bugLine("bench")), bug.errLines());
        CliRun bad = CliRun.of("bench", "--url", "http://127.0.0.1:9", "--api", "openai", "--model", "m", "--seed", "1", "--shard", "0/2",
                "--out", dir.toString());
        assertEquals(2, bad.code());
        assertEquals(List.of("hybench bench: a sharded run needs exactly one of --start-at and --start-file"), bad.errLines());
    }
}
