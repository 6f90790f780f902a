package io.hybench.cli;

import io.hybench.emulator.Emulator;
import io.hybench.emulator.TestProfiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A Mooncake-format trace replayed by {@code hybench bench} against the emulator, its report, then {@code hybench export}. */
class ExportCommandTest {
    @TempDir
    static Path dir;
    static Path run;

    @BeforeAll
    static void replayATrace() throws Exception {
        StringBuilder trace = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            trace.append(String.format(Locale.ROOT, "{\"timestamp\": %d, \"input_length\": %d, \"output_length\": 4, \"hash_ids\": [0, %d]}%n",
                    i * 400, 30 + i, 1 + i));
        }
        Files.writeString(dir.resolve("t.jsonl"), trace);
        try (Emulator emulator = Emulator.start(TestProfiles.vllm(""), 0, 1)) {
            Path workload = Files.writeString(dir.resolve("w.yaml"), """
                    name: cli-trace
                    seed: 3
                    targets:
                      - {name: emu, api: openai, flavor: vllm, url: "%s", model: "meta-llama/Llama-3.1-8B-Instruct", emulatorProfile: test-vllm}
                    prompts:
                      trace: {path: t.jsonl, format: mooncake, blockTokens: 16}
                    load: {mode: trace, timeScale: 0.1, rateFactors: [1, 2]}
                    percentiles: [50, 99.9]
                    run: {warmup: 0s, requests: 12}
                    """.formatted(emulator.baseUrl()));
            CliRun o = CliRun.of("bench", "--workload", workload.toString(), "--out", dir.resolve("results").toString(), "--run-id", "r", "--no-progress");
            assertEquals(0, o.code(), o.err());
        }
        run = dir.resolve("results").resolve("r");
    }

    @Test
    void theReplaysReportNamesTheTraceAndItsFactors() throws Exception {
        String html = Files.readString(run.resolve("report.html"));
        assertTrue(html.contains("trace replay, time scale 0.1000, rate factors 1, 2"), "workload facts");
        assertTrue(html.contains("trace rate factor"), "the load axis");
        assertTrue(html.contains("The workload&#39;s chosen percentiles") || html.contains("The workload's chosen percentiles"), "the chosen percentiles table");
        assertTrue(html.contains("TTFT P99.9 ms") && html.contains("E2E P50 ms"), "its columns follow the workload's percentiles");
        assertTrue(html.contains("cached input share"), "the emulated vLLM reports cached prompt tokens: their share per step");
    }

    @Test
    void exportTakesTheWorkloadsPercentilesUnlessGiven() throws Exception {
        Path out = dir.resolve("export-default");
        CliRun o = CliRun.of("export", "--in", run.toString(), "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        String header = Files.readAllLines(out.resolve("summary.csv")).getFirst();
        assertTrue(header.contains("e2eP50Ms,e2eP99.9Ms,e2eMaxMs"), header);
        assertTrue(Files.readString(out.resolve("llm-d").resolve("step-00-emu.json")).contains("\"p99p9\""));
    }

    @Test
    void exportWritesCsvAndLlmdReportsWithTheChosenPercentiles() throws Exception {
        Path out = dir.resolve("export");
        CliRun o = CliRun.of("export", "--in", run.toString(), "--out", out.toString(), "--percentiles", "50,99");
        assertEquals(0, o.code(), o.err());
        List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals(3, summary.size(), "a header and one row per step");
        assertTrue(summary.getFirst().contains("ttftP50Ms,ttftP99Ms,ttftMaxMs") && !summary.getFirst().contains("P90"), summary.getFirst());
        assertTrue(summary.get(1).startsWith("0,emu,trace,1.0,"), summary.get(1));
        assertEquals(25, Files.readAllLines(out.resolve("requests.csv")).size(), "a header and 24 requests");
        assertTrue(Files.readString(out.resolve("llm-d").resolve("step-01-emu.json")).contains("\"version\" : \"0.2.1\""));
        // shared hash ids: the emulated vLLM serves block 0 from its prefix cache, so cached figures reach every export
        double share = io.hybench.bench.results.ResultReader.load(run).summary().steps().get(1).rates().cachedInputShare();
        assertTrue(share > 0 && share < 1, "cached share " + share);
        assertTrue(summary.getFirst().contains("errorRate,cachedInputShare,"), summary.getFirst());
        assertTrue(summary.get(2).contains("," + share + ","), summary.get(2));
        assertTrue(Files.readAllLines(out.resolve("requests.csv")).getFirst().endsWith(",cachedInputTokens,cacheWriteInputTokens,timingUncertaintyMs,ttftTimingUncertaintyMs,e2eTimingUncertaintyMs"));
        assertTrue(Files.readString(out.resolve("llm-d").resolve("step-01-emu.json")).contains("\"cache_hit_rate\""));
    }

    @Test
    void aBadTraceRowStopsTheRunBeforeAnyRequestInOneLine() throws Exception {
        Files.writeString(dir.resolve("bad.jsonl"), "{\"timestamp\": 0, \"input_length\": 5, \"output_length\": 1}\n{\"timestamp\": 9, \"output_length\": 1}\n");
        Path workload = Files.writeString(dir.resolve("bad.yaml"), """
                name: bad-trace
                targets:
                  - {name: emu, api: openai, url: "http://127.0.0.1:1", model: m}
                prompts:
                  trace: {path: bad.jsonl, format: mooncake}
                load: {mode: trace}
                run: {requests: 2}
                """);
        CliRun o = CliRun.of("bench", "--workload", workload.toString(), "--out", dir.resolve("bad-results").toString(), "--no-progress");
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().strip().endsWith("bad.jsonl:2: input_length: missing"), o.err());
        assertFalse(o.err().contains("Exception"), o.err());
    }

    @Test
    void badInputIsOneLineAndExitCodeTwo() {
        CliRun p = CliRun.of("export", "--in", run.toString(), "--out", dir.resolve("x").toString(), "--percentiles", "50,101");
        assertEquals(2, p.code());
        assertEquals("hybench export: percentiles must be in (0, 100], was 101.0", p.err().strip());
        CliRun f = CliRun.of("export", "--in", dir.toString());
        assertEquals(2, f.code());
        assertFalse(f.err().contains("Exception"), f.err());
    }

    @Test
    void aBugOfOursIsAnInternalError() {
        CliRun r = CliRun.withBug("export", "--in", run.toString(), "--out", CliRun.BROKEN);
        assertEquals(1, r.code(), r.err());
        assertEquals(List.of(CliRun.bugLine("export")), r.errLines());
    }
}
