package io.hybench.cli;

import io.hybench.bench.client.TokenCountSource;
import io.hybench.bench.metrics.StepSummary;
import io.hybench.bench.results.RequestLine;
import io.hybench.bench.results.ResultReader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The GPU engine (scripts/gpu-engine) on the CPU with a tiny model of the same architecture: its own Python
 * tests, and {@code hybench bench} against it over loopback HTTP, as the device run uses it.
 * Needs scripts/gpu-engine/.venv (scripts/gpu-engine/setup-venv; .ci/run makes it): skipped where absent,
 * failed under CI=true.
 */
class GpuEngineTest {
    private static final Path DIR = Path.of("..", "scripts", "gpu-engine");

    private static Path python() {
        String env = System.getenv("HYBENCH_GPU_ENGINE_PYTHON");
        Path p = env != null ? Path.of(env) : DIR.resolve(".venv/bin/python");
        if (!Files.isExecutable(p)) {
            String why = p + " is missing (torch + transformers for the GPU engine's CPU tests): run scripts/gpu-engine/setup-venv";
            if ("true".equals(System.getenv("CI"))) throw new AssertionError(why);
            Assumptions.abort(why);
        }
        return p.toAbsolutePath();
    }

    @Test
    void pythonTestsPass() throws Exception {
        Process p = new ProcessBuilder(python().toString(), "-m", "unittest", "-v", "test_server")
                .directory(DIR.toFile()).redirectErrorStream(true).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(p));
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "python tests timed out");
        String output = out.get();
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("\nOK"), output);
    }

    @Test
    void benchMeasuresTheEngineWithServerTokenCountsAndGauges(@TempDir Path dir) throws Exception {
        Process engine = new ProcessBuilder(python().toString(), "server.py", "--shape", "tiny", "--device", "cpu",
                "--port", "0", "--block-size", "32", "--num-blocks", "256", "--max-batch-tokens", "1024")
                .directory(DIR.toFile()).redirectErrorStream(true).start();
        try {
            String url = awaitReady(engine);
            Path workload = dir.resolve("w.yaml");
            Files.writeString(workload, """
                    name: cpu-engine
                    seed: 5
                    targets:
                      - {name: tiny, api: openai, flavor: vllm, url: %s, model: random-tiny}
                    request: {chat: true, forceOutputLength: true}
                    prompts:
                      synthetic: {inputTokens: {distribution: uniform, min: 20, max: 60}, outputTokens: 12}
                    load: {mode: closed, users: [1, 3]}
                    run: {warmup: 0s, requests: 6}
                    confidence: {resamples: 0}
                    """.formatted(url));
            CliRun run = CliRun.of("bench", "--workload", workload.toString(), "--no-progress",
                    "--out", dir.toString(), "--run-id", "r");
            assertEquals(0, run.code(), run.err() + run.out());
            Path folder = dir.resolve("r");
            var loaded = ResultReader.load(folder);
            for (StepSummary s : loaded.summary().steps()) {
                assertEquals(s.counts().requests(), s.counts().succeeded(), "every request succeeded in step " + s.step().index());
                assertEquals(12 * s.counts().succeeded(), s.counts().outputTokens(), "exactly max_tokens each, counted by the server");
            }
            List<RequestLine> lines = ResultReader.requests(folder);
            assertFalse(lines.isEmpty());
            for (RequestLine l : lines) {
                assertEquals(TokenCountSource.SERVER, l.record().tokens().outputTokenSource());
                assertEquals(TokenCountSource.SERVER, l.record().tokens().inputTokenSource());
                assertTrue(l.record().tokens().outputLengthForced(), "ignore_eos honoured");
                assertNotNull(l.record().timeline().firstContentNanos());
            }
            String version = loaded.env().targets().getFirst().version();
            assertNotNull(version, "GET /version answered");
            assertTrue(version.contains("hybench-gpu-engine"), version);
        } finally {
            engine.destroy();
            engine.waitFor(20, TimeUnit.SECONDS);
        }
    }

    /** The engine prints "ready: http://HOST:PORT" once it listens; everything before it is its start-up log. */
    private static String awaitReady(Process engine) throws Exception {
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            StringBuilder seen = new StringBuilder();
            try {
                BufferedReader r = new BufferedReader(new InputStreamReader(engine.getInputStream(), StandardCharsets.UTF_8));
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith("ready: ")) {
                        Thread.ofVirtual().start(() -> drain(r)); // keep the pipe from filling
                        return line.substring("ready: ".length()).trim();
                    }
                    seen.append(line).append('\n');
                }
            } catch (IOException e) {
                seen.append(e);
            }
            throw new IllegalStateException("the engine exited before it was ready:\n" + seen);
        });
        return ready.get(3, TimeUnit.MINUTES);
    }

    private static void drain(BufferedReader r) {
        try {
            while (r.readLine() != null) {
                // discarded: the engine logs nothing per request
            }
        } catch (IOException ignored) {
            // the engine was stopped
        }
    }

    private static String readAll(Process p) {
        try {
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
