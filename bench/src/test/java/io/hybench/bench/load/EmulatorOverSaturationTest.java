package io.hybench.bench.load;

import io.hybench.bench.metrics.OverSaturation;
import io.hybench.bench.metrics.StepSummary;
import io.hybench.bench.results.EnvInfo;
import io.hybench.bench.results.ResultReader;
import io.hybench.emulator.Emulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Open-loop rates below and far above an emulated one-slot server's capacity (about 5 requests/s) with
 * {@code run.stopOnOverSaturation}: the step below capacity runs its whole duration; the one above stops once the
 * requests in flight and the TTFT both climb, summary.json says when and why, and the higher rate is never run.
 */
class EmulatorOverSaturationTest {

    @Test
    void aStepStopsWhenTheServerIsOverSaturatedAndTheSweepStopsWithIt(@TempDir Path dir) throws Exception {
        try (EmulatorRig rig = new EmulatorRig()) {
            Emulator ollama = rig.start(EmulatorRig.profile("saturating-ollama"), 9);
            Workload w = WorkloadYaml.parse("""
                    name: over-saturation
                    seed: 3
                    targets:
                      - {name: ollama, api: ollama, url: "%s", model: "%s"}
                    prompts:
                      synthetic: {inputTokens: 20, outputTokens: 10}
                    load: {mode: open, rates: [2, 25, 50], arrival: constant}
                    run:
                      warmup: 0s
                      duration: 5s
                      drainTimeout: 2s
                      stopOnOverSaturation: {minSeconds: 2, minimumTtftMs: 400, minimumWindowSize: 3}
                    """.formatted(ollama.baseUrl(), ollama.profile().model()), "inline", dir);
            Path run = new LoadRunner(w, rig.clients(), RunListener.NONE).run(dir.resolve("results"), "osd", EnvInfo.capture("test"))
                    .folder().dir();
            List<StepSummary> steps = ResultReader.load(run).summary().steps();
            assertEquals(2, steps.size(), "the sweep stopped after the over-saturated rate: 50/s never ran");
            assertNull(steps.get(0).stopped(), "2/s is within capacity: " + steps.get(0).stopped());
            OverSaturation.Verdict v = steps.get(1).stopped();
            assertNotNull(v, "25/s is five times capacity");
            System.out.println("over-saturation at 25/s: " + v);
            assertEquals("overSaturation", v.reason());
            assertTrue(v.atMs() >= 3000 && v.atMs() < 5000, "judged from 3 s (3 seconds' worth of points), before the step's end: " + v.atMs());
            assertTrue(v.concurrencySlope() > 0 && v.ttftSlopeMsPerS() > 0 && v.ttftViolations() * 2 >= v.ttftPoints(), v.toString());
            assertTrue(steps.get(1).complete(), "stopped by the rule, not interrupted");
            assertTrue(steps.get(1).counts().requests() + steps.get(1).counts().stillInFlight() < 25 * 5,
                    "dispatch stopped early: " + steps.get(1).counts());
        }
    }
}
