package io.hybench.cli;

import io.hybench.emulator.Emulator;
import io.hybench.emulator.TestProfiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

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

    /** A copy of the run whose step-01 interval log is cut short: export, report and compare name its file and line, exit 2. */
    @Test
    void aHistogramLogCutShortIsBadInputNamingItsFileAndLine() throws Exception {
        Path cut = copyOfRun("cut");
        String line = CutHlog.cut(cut.resolve("step-01-emu.hlog"));
        CliRun export = CliRun.of("export", "--in", cut.toString(), "--out", dir.resolve("cut-export").toString());
        assertEquals(2, export.code(), export.err());
        assertEquals(List.of("hybench export: " + line), export.errLines());
        CliRun report = CliRun.of("report", "--in", cut.toString(), "--out", dir.resolve("cut.html").toString());
        assertEquals(2, report.code(), report.err());
        assertEquals(List.of("hybench report: " + line), report.errLines());
        CliRun compare = CliRun.of("report", "--in", run.toString(), cut.toString(), "--out", dir.resolve("compare-cut.html").toString());
        assertEquals(2, compare.code(), compare.err());
        assertEquals(List.of("hybench report: " + line), compare.errLines());
    }

    /**
     * A copy of the run with one of its files damaged, as a hand edit or a copy that did not finish leaves it: export and report
     * say which file (and line) in one line, exit 2, as for any input of the user's; no Jackson wording, no second line.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "summary.json           | export report | : line \\d+, column \\d+: the file ends early \\(cut short\\?\\)",
            "env.json               | export report | : line \\d+, column \\d+: the file ends early \\(cut short\\?\\)",
            "requests.jsonl         | export        | :1: not a request line: Unexpected character \\('o'\\): was expecting double-quote to start field name",
            "workload.resolved.yaml | export report | :\\d+:\\d+: load: while parsing a flow sequence"})
    void aDamagedFileOfTheRunIsBadInputNamingIt(String file, String commands, String problem) throws Exception {
        Path copy = copyOfRun("damaged-" + file);
        Path damaged = copy.resolve(file);
        String text = Files.readString(damaged);
        Files.writeString(damaged, switch (file) {
            case "requests.jsonl" -> text.replaceFirst("\\{", "{oops");
            case "workload.resolved.yaml" -> text.replaceFirst("\nload:", "\nload: [oops\nx:");
            // cut after a comma: mid-number or mid-word Jackson names the token ("Decimal point not followed by a digit")
            default -> text.substring(0, text.indexOf(',', text.length() / 2) + 1);
        });
        for (String command : commands.split(" ")) {
            CliRun o = command.equals("export")
                    ? CliRun.of("export", "--in", copy.toString(), "--out", copy.resolve("x").toString())
                    : CliRun.of("report", "--in", copy.toString(), "--out", copy.resolve("x.html").toString());
            assertEquals(2, o.code(), o.err());
            assertEquals(1, o.errLines().size(), o.err());
            String line = o.errLines().getFirst();
            assertTrue(line.matches(Pattern.quote("hybench " + command + ": " + damaged) + problem), line);
        }
    }

    private static Path copyOfRun(String name) throws IOException {
        Path copy = dir.resolve(name);
        try (Stream<Path> files = Files.walk(run)) {
            for (Path p : files.toList()) Files.copy(p, copy.resolve(run.relativize(p).toString()));
        }
        return copy;
    }

    @Test
    void aBugOfOursIsAnInternalError() {
        CliRun r = CliRun.withBug("export", "--in", run.toString(), "--out", CliRun.BROKEN);
        assertEquals(1, r.code(), r.err());
        assertEquals(List.of(CliRun.bugLine("export")), r.errLines());
    }
}
