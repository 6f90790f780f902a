package io.hybench.cli;

import io.hybench.emulator.Emulator;
import io.hybench.emulator.profile.EmulatorProfile;
import io.hybench.emulator.profile.ProfileLoader;
import io.hybench.emulator.profile.VllmParams;
import io.hybench.core.mapper.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code hybench emulate --fit}: a real bench run over loopback HTTP against the emulator with a known
 * vLLM-like profile, fitted back, with the errors stated in docs/emulator.md ("Fitting a profile"): the step
 * base within 15%; the per-token cost within 35% (measured TTFT carries a few ms of HTTP and harness time that
 * the fit can only put into prefill); the per-context cost is not identifiable from so short a run and is not
 * checked; every level's ITL and E2E medians and output tokens/s within 15% of the measured ones, its TTFT
 * median within 25%. The fit replays the requests as the client sent them (requests.jsonl): with the ideal
 * closed-loop schedule instead, a user's next prompt joined the step that began as its answer ended, where over
 * HTTP it arrives a few ms later and waits for that step, and the per-token cost came out ~60% high.
 */
class EmulateFitCommandTest {
    private static final String PROFILE = """
            name: known-vllm
            model: known
            server_version: "0.10.1"
            output: {eos_median_tokens: 64, eos_sigma: 0, context_tokens: 4096}
            engine: {kind: vllm, max_num_seqs: 64, max_num_batched_tokens: 1024, kv_cache_tokens: 100000,
                     step_base_ms: 25, step_per_token_ms: 0.1, step_per_context_token_ns: 800}
            """;

    @Test
    void fitsAKnownEmulatorProfileBackFromARealBenchRun(@TempDir Path dir) throws Exception {
        EmulatorProfile truth = ProfileLoader.parse(PROFILE, "test profile");
        VllmParams known = (VllmParams) truth.engine();
        Path run;
        try (Emulator e = Emulator.start(truth, 0, 3)) {
            Path workload = dir.resolve("w.yaml");
            Files.writeString(workload, """
                    name: fit-known
                    seed: 11
                    targets:
                      - {name: emu, api: openai, flavor: vllm, url: %s, model: known}
                    request: {chat: true, forceOutputLength: true}
                    prompts:
                      synthetic: {inputTokens: {distribution: uniform, min: 150, max: 250}, outputTokens: 24}
                    load: {mode: closed, users: [1, 6, 24]}
                    run: {warmup: 1s, duration: 4s}
                    confidence: {resamples: 0}
                    """.formatted(e.baseUrl()));
            CliRun bench = CliRun.of("bench", "--workload", workload.toString(), "--no-progress", "--out", dir.toString(), "--run-id", "r");
            assertEquals(0, bench.code(), bench.err() + bench.out());
            run = dir.resolve("r");
        }
        Path out = dir.resolve("fit");
        CliRun fit = CliRun.of("emulate", "--fit", run.toString(), "--out", out.toString(), "--name", "refit",
                "--max-num-seqs", "64", "--max-batched-tokens", "1024", "--kv-cache-tokens", "100000", "--context-tokens", "4096",
                "--max-evaluations", "300");
        assertEquals(0, fit.code(), fit.err() + fit.out());
        VllmParams got = (VllmParams) ProfileLoader.load(out.resolve("refit.yaml").toString()).engine();
        assertNear(known.stepBaseNanos(), got.stepBaseNanos(), 0.15, "step base", fit.out());
        assertNear(known.perTokenNanos(), got.perTokenNanos(), 0.35, "per token", fit.out());
        assertEquals(64, got.maxNumSeqs());
        @SuppressWarnings("unchecked")
        Map<String, Object> json = Json.MAPPER.readValue(out.resolve("fit.json").toFile(), Map.class);
        assertEquals("emu", json.get("target"));
        for (Object level : (java.util.List<?>) json.get("levels")) {
            Map<?, ?> rel = (Map<?, ?>) ((Map<?, ?>) level).get("relativeError");
            for (String figure : new String[]{"TTFT_P50", "ITL_P50", "E2E_P50", "OUTPUT_TOKENS_PER_S"}) {
                double e = ((Number) rel.get(figure)).doubleValue();
                assertTrue(Math.abs(e) <= (figure.equals("TTFT_P50") ? 0.25 : 0.15), figure + " at load " + ((Map<?, ?>) level).get("load") + ": error " + e + "\n" + fit.out());
            }
        }
        String html = Files.readString(out.resolve("fit-report.html"));
        assertTrue(html.contains("ITL P50 ms *") && html.contains("refit"), "report names the figures and the profile");
    }

    private static void assertNear(double expected, double actual, double tolerance, String what, String log) {
        assertTrue(Math.abs(actual / expected - 1) <= tolerance, what + ": expected " + expected + " within "
                + (int) (100 * tolerance) + "%, was " + actual + "\n" + log);
    }

    @Test
    void badInputIsOneLineWithExitTwo(@TempDir Path dir) throws Exception {
        CliRun missing = CliRun.of("emulate", "--fit", dir.resolve("nope").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("not a bench result folder"), missing.err());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());

        Path threeTargets = Path.of("..", "reports", "src", "test", "resources", "golden", "v0.2.0", "bench");
        CliRun ambiguous = CliRun.of("emulate", "--fit", threeTargets.toString(), "--out", dir.toString());
        assertEquals(2, ambiguous.code(), ambiguous.err());
        assertTrue(ambiguous.err().contains("the run has 3 targets; name one with --target"), ambiguous.err());
        CliRun unknown = CliRun.of("emulate", "--fit", threeTargets.toString(), "--target", "nope", "--out", dir.toString());
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("no target named 'nope'"), unknown.err());
        CliRun both = CliRun.of("emulate", "--fit", dir.toString(), "--profile", "x");
        assertEquals(2, both.code());
    }
}
