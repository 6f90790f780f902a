package io.hybench.bench.load;

import io.hybench.bench.client.ApiKind;
import io.hybench.bench.client.ServerFlavor;
import io.hybench.bench.client.Target;
import io.hybench.bench.context.ServerGauges;
import io.hybench.bench.context.TargetVersion;
import io.hybench.bench.gpu.NvidiaSmiSampler;
import io.hybench.bench.metrics.Metric;
import io.hybench.bench.metrics.SecondSample;
import io.hybench.bench.metrics.Slo;
import io.hybench.bench.metrics.StepSummary;
import io.hybench.bench.results.EnvInfo;
import io.hybench.bench.results.RequestLine;
import io.hybench.bench.results.ResultReader;
import io.hybench.bench.results.RunFolder;
import io.hybench.bench.results.RunSummary;
import io.hybench.emulator.Emulator;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code hybench bench} end to end over real loopback HTTP: one workload against emulators speaking all
 * three protocols (Ollama native, OpenAI-compatible in vLLM's dialect, Anthropic), closed-loop sweep and
 * open-loop rates, results read back from the documented folder layout.
 */
class EmulatorSweepTest {
    private static final EnvInfo ENV = EnvInfo.capture("test");
    private static final int OUTPUT_TOKENS = 12;

    private static List<Target> threeProtocols(EmulatorRig rig) {
        Emulator ollama = rig.start(EmulatorRig.profile("fast-ollama"), 1);
        Emulator vllm = rig.start(EmulatorRig.profile("fast-vllm"), 2);
        Emulator cloud = rig.start(EmulatorRig.profile("fast-cloud"), 3);
        return List.of(EmulatorRig.target("ollama", ApiKind.OLLAMA, ServerFlavor.OLLAMA, ollama),
                EmulatorRig.target("vllm", ApiKind.OPENAI, ServerFlavor.VLLM, vllm),
                EmulatorRig.target("anthropic", ApiKind.ANTHROPIC, ServerFlavor.ANTHROPIC, cloud));
    }

    @Test
    void closedLoopSweepAgainstAllThreeProtocolsLandsInTheResultFolder(@TempDir Path results) throws Exception {
        try (EmulatorRig rig = new EmulatorRig()) {
            List<Target> targets = threeProtocols(rig);
            Workload w = EmulatorRig.workload("three-protocols", targets, OUTPUT_TOKENS,
                    new LoadSpec.ClosedLoop(List.of(1, 4), new Distribution.Fixed(0)),
                    new RunLimits(200_000_000L, 800_000_000L, null, 10_000_000_000L), new Slo(null, null, 5_000.0, 0.99));
            LoadRunner.Result r = new LoadRunner(w, rig.clients(), RunListener.NONE).run(results, "sweep", ENV);

            Path dir = r.folder().dir();
            for (String f : List.of(RunFolder.WORKLOAD, RunFolder.ENV, RunFolder.REQUESTS, RunFolder.SUMMARY)) {
                assertTrue(Files.isRegularFile(dir.resolve(f)), f);
            }
            RunSummary s = ResultReader.load(dir).summary();
            assertEquals(RunSummary.Status.COMPLETE, s.run().status());
            assertEquals(6, s.steps().size(), "3 targets x 2 user counts");
            assertEquals(3, s.sweeps().size());
            List<RequestLine> lines = ResultReader.requests(dir);
            for (StepSummary step : s.steps()) {
                assertTrue(step.counts().requests() > 0, "step " + step.step().index() + " measured requests");
                assertEquals(step.counts().requests(), step.counts().succeeded(), "step " + step.step().index() + " errors: " + step.counts().errors());
                assertEquals(OUTPUT_TOKENS * step.counts().succeeded(), step.counts().outputTokens(), "the emulator answers exactly max_tokens");
                Histogram itl = ResultReader.histogramTotals(dir.resolve(step.context().hlog())).get(Metric.ITL);
                assertEquals((OUTPUT_TOKENS - 1) * step.counts().succeeded(), itl.getTotalCount(), "one gap per pair of content chunks");
                long logged = lines.stream().filter(l -> l.step() == step.step().index() && !l.warmup()).count();
                assertEquals(step.counts().requests(), logged);
                assertTrue(lines.stream().filter(l -> l.step() == step.step().index())
                        .allMatch(l -> l.record().to().target().equals(step.step().target())), "records carry their target");
            }
            assertServerContextSampled(dir, s);
            for (Target t : targets) {
                RequestLine any = lines.stream().filter(l -> l.record().to().target().equals(t.name())).findFirst().orElseThrow();
                assertEquals(t.api(), any.record().to().api());
                assertEquals(OUTPUT_TOKENS, any.record().timeline().chunkArrivalNanos().length, t.name() + ": one content chunk per token");
            }
        }
    }

    /** Target versions in env.json, server gauges and GPU readings (or why not) in every step's time series. */
    private static void assertServerContextSampled(Path dir, RunSummary s) {
        Map<String, TargetVersion> versions = ResultReader.load(dir).env().targets().stream()
                .collect(Collectors.toMap(TargetVersion::target, v -> v));
        assertEquals("0.11.4", versions.get("ollama").version(), "the Ollama emulator's GET /api/version");
        assertEquals("GET /api/version", versions.get("ollama").source());
        assertEquals("GET /version", versions.get("vllm").source());
        assertNull(versions.get("anthropic").version());
        assertNotNull(versions.get("anthropic").note(), "a cloud API has no version endpoint, and the note says so");
        // Readings arrive about once a second and a step lasts under one, so on a loaded machine a given step
        // may end before its first reading: each target must have readings somewhere in its sweep, not in every step.
        for (String target : List.of("ollama", "vllm")) {
            assertTrue(s.steps().stream().filter(st -> st.step().target().equals(target)).flatMap(st -> st.context().series().stream())
                    .anyMatch(x -> x.server() != null), target + ": server readings in the series");
        }
        for (StepSummary step : s.steps()) {
            List<ServerGauges> gauges = step.context().series().stream().map(SecondSample::server).filter(Objects::nonNull).toList();
            switch (step.step().target()) {
                case "ollama" -> {
                    assertNull(step.context().serverContext().notSampledReason(), step.context().serverContext().toString());
                    assertTrue(gauges.stream().allMatch(g -> g instanceof ServerGauges.Ollama o && o.targetModelLoaded()),
                            "the model is loaded while it serves: " + gauges);
                }
                case "vllm" -> {
                    assertNull(step.context().serverContext().notSampledReason(), step.context().serverContext().toString());
                    assertTrue(gauges.stream().allMatch(g -> g instanceof ServerGauges.Vllm v && v.running() != null
                            && v.waiting() != null && v.kvCacheUsage() != null), gauges.toString());
                }
                default -> {
                    assertTrue(gauges.isEmpty());
                    assertTrue(step.context().serverContext().notSampledReason().contains("only Ollama and vLLM"), step.context().serverContext().toString());
                }
            }
            if (NvidiaSmiSampler.locate().isEmpty()) {
                assertEquals("nvidia-smi not found on PATH", step.context().gpu().notSampledReason());
                assertTrue(step.context().series().stream().allMatch(x -> x.gpu() == null));
                assertTrue(Double.isNaN(step.context().outputTokensPerJoule()), "no power readings, no tokens per joule");
            } else {
                assertTrue(step.context().gpu().samples() > 0, step.context().gpu().toString());
                assertTrue(step.context().outputTokensPerJoule() > 0, "power sampled: tokens per joule measured");
            }
        }
    }

    @Test
    void openLoopRatesAgainstAllThreeProtocolsOfferTheirRate(@TempDir Path results) throws Exception {
        try (EmulatorRig rig = new EmulatorRig()) {
            List<Target> targets = threeProtocols(rig);
            Workload w = EmulatorRig.workload("three-protocols-open", targets, OUTPUT_TOKENS,
                    new LoadSpec.OpenLoop(List.of(20.0), LoadSpec.Arrival.CONSTANT, null),
                    new RunLimits(100_000_000L, null, 20, 10_000_000_000L), new Slo(null, null, null, 0.99));
            RunSummary s = new LoadRunner(w, rig.clients(), RunListener.NONE).run(results, "rates", ENV).summary();

            assertEquals(3, s.steps().size());
            for (StepSummary step : s.steps()) {
                assertEquals(20, step.counts().requests());
                assertEquals(20, step.counts().succeeded(), step.step().target() + " errors: " + step.counts().errors());
                assertEquals(20.0, step.rates().offeredRatePerSecond(), 0.5, step.step().target() + ": constant arrivals at the rate asked");
            }
        }
    }
}
