package io.hybench.cli;

import io.hybench.bench.client.ApiKind;
import io.hybench.bench.client.ClientOptions;
import io.hybench.bench.client.ServerFlavor;
import io.hybench.bench.client.Target;
import io.hybench.bench.load.ClientFactory;
import io.hybench.bench.load.Distribution;
import io.hybench.bench.load.LoadRunner;
import io.hybench.bench.load.LoadSpec;
import io.hybench.bench.load.PromptSpec;
import io.hybench.bench.load.RequestOptions;
import io.hybench.bench.load.RunLimits;
import io.hybench.bench.load.RunListener;
import io.hybench.bench.load.Workload;
import io.hybench.bench.metrics.Slo;
import io.hybench.bench.results.EnvInfo;
import io.hybench.calibrate.cost.CostAnalysis;
import io.hybench.calibrate.cost.CostModel;
import io.hybench.calibrate.cost.MeasuredThroughput;
import io.hybench.core.mapper.Json;
import io.hybench.core.stats.ConfidenceSpec;
import io.hybench.emulator.Emulator;
import io.hybench.emulator.profile.ProfileLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Prices a real bench result folder: vLLM-like emulator, two closed-loop steps. */
class CostCommandTest {
    @TempDir
    static Path dir;
    static Path bench;

    @BeforeAll
    static void benchAnEmulatedVllm() throws Exception {
        try (Emulator e = Emulator.start(ProfileLoader.load("llama3.1-8b-a100-vllm"), 0, 3)) {
            Target t = new Target("vllm", ApiKind.OPENAI, ServerFlavor.VLLM, e.baseUrl(), e.profile().model(), null);
            Workload w = new Workload("cost", 3, List.of(t),
                    new Workload.Traffic(new RequestOptions(true, true, 0.0), new PromptSpec.Synthetic(new Distribution.Fixed(100), new Distribution.Fixed(20))),
                    new Workload.Shape(new LoadSpec.ClosedLoop(List.of(1, 2), new Distribution.Fixed(0)),
                            new RunLimits(200_000_000L, 1_500_000_000L, null, 10_000_000_000L, 1)),
                    Workload.Checks.of(new Slo(2000.0, 100.0, null, 0.9), new ConfidenceSpec(0, 0.95)));
            bench = new LoadRunner(w, ClientFactory.streaming(ClientOptions.DEFAULTS), RunListener.NONE)
                    .run(dir, "bench", EnvInfo.capture("test")).folder().dir();
        }
    }

    @Test
    void writesCostJsonConsistentWithTheMeasuredGoodput() throws Exception {
        Path out = dir.resolve("cost");
        CliRun r = CliRun.of("cost", "--bench", bench.toString(), "--target", "vllm", "--prices", "../docs/prices.example.yaml",
                "--api-model", "gpt-4o", "--rent-usd-per-hour", "2", "--power-watts", "400", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        CostAnalysis a = Json.MAPPER.readValue(out.resolve("cost.json").toFile(), CostAnalysis.class);
        MeasuredThroughput t = MeasuredThroughput.fromBenchResult(bench, "vllm");
        assertEquals(t, a.throughput());
        assertEquals(2.0, t.load(), "both loads meet a 2 s TTFT on the vLLM-like profile, so the larger one is priced");
        assertEquals(20.0, t.meanOutputTokens(), 1e-9, "ignore_eos forces exactly the requested output length");
        assertEquals(t.goodputTokensPerSecond() * 3600 * CostModel.HOURS_PER_MONTH, a.selfHosted().capacityTokensPerMonth(), 1e-3);
        assertEquals(a.selfHosted().fixedUsdPerMachineMonth() / (a.api().apiUsdPerMillion() / 1e6 - a.selfHosted().energyUsdPerMillion() / 1e6),
                a.breakEvenTokensPerMonth(), a.breakEvenTokensPerMonth() * 1e-9);
        assertTrue(r.out().contains("break-even"), r.out());
        assertFalse(Files.readString(out.resolve("cost.json")).contains("apiCachedShare"), "written only when given");

        // half the API's input served from its prompt cache: gpt-4o input 2.50, cached 1.25 USD per million
        Path cached = dir.resolve("cost-cached");
        assertEquals(0, CliRun.of("cost", "--bench", bench.toString(), "--target", "vllm", "--prices", "../docs/prices.example.yaml",
                "--api-model", "gpt-4o", "--api-cached-share", "0.5", "--rent-usd-per-hour", "2", "--power-watts", "400",
                "--out", cached.toString()).code());
        CostAnalysis c = Json.MAPPER.readValue(cached.resolve("cost.json").toFile(), CostAnalysis.class);
        assertEquals(0.5, c.api().apiCachedShare());
        assertEquals(t.inputShare() * (0.5 * 2.50 + 0.5 * 1.25) + (1 - t.inputShare()) * 10.00, c.api().apiUsdPerMillion(), 1e-12);
    }

    @Test
    void unknownTargetAndModelAreNamed() {
        CliRun r = CliRun.of("cost", "--bench", bench.toString(), "--target", "nope", "--prices", "../docs/prices.example.yaml",
                "--api-model", "gpt-4o", "--rent-usd-per-hour", "2", "--power-watts", "400", "--out", dir.resolve("x").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no target 'nope'") && r.err().contains("[vllm]"), r.err());
        r = CliRun.of("cost", "--bench", bench.toString(), "--target", "vllm", "--prices", "../docs/prices.example.yaml",
                "--api-model", "gpt-9", "--rent-usd-per-hour", "2", "--power-watts", "400", "--out", dir.resolve("x").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no model 'gpt-9'"), r.err());
    }

    @Test
    void aBugOfOursIsAnInternalErrorWhileAnUnknownModelStaysBadInput() {
        CliRun bug = CliRun.withBug("cost", "--bench", bench.toString(), "--target", "vllm", "--prices", CliRun.BROKEN,
                "--api-model", "gpt-4o", "--rent-usd-per-hour", "2", "--power-watts", "400", "--out", dir.resolve("x").toString());
        assertEquals(1, bug.code(), bug.err());
        assertEquals(List.of(CliRun.bugLine("cost")), bug.errLines());
        CliRun bad = CliRun.of("cost", "--bench", bench.toString(), "--target", "vllm", "--prices", "../docs/prices.example.yaml",
                "--api-model", "gpt-9", "--rent-usd-per-hour", "2", "--power-watts", "400", "--out", dir.resolve("x").toString());
        assertEquals(2, bad.code());
        assertEquals(1, bad.errLines().size(), bad.err());
        assertTrue(bad.err().startsWith("hybench cost: ../docs/prices.example.yaml: no model 'gpt-9'; it has ["), bad.err());
    }
}
