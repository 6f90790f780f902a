package io.hybench.cli;

import io.hybench.emulator.Emulator;
import io.hybench.emulator.TestProfiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code hybench bench} against the emulator writes its report; {@code hybench report} rebuilds and compares. */
class ReportCommandTest {
    @TempDir
    static Path dir;
    static Path results;

    @BeforeAll
    static void twoRunsAgainstTheEmulator() throws Exception {
        results = dir.resolve("results");
        try (Emulator emulator = Emulator.start(TestProfiles.vllm(""), 0, 1)) {
            Path workload = Files.writeString(dir.resolve("w.yaml"), """
                    name: cli-report
                    seed: 3
                    targets:
                      - {name: emu, api: openai, flavor: vllm, url: "%s", model: "meta-llama/Llama-3.1-8B-Instruct", emulatorProfile: test-vllm}
                    prompts:
                      synthetic: {inputTokens: 16, outputTokens: 6}
                    load: {mode: closed, users: [1, 2]}
                    run: {warmup: 0s, requests: 10}
                    """.formatted(emulator.baseUrl()));
            for (String id : new String[] {"before", "after"}) {
                CliRun o = CliRun.of("bench", "--workload", workload.toString(), "--out", results.toString(), "--run-id", id, "--no-progress");
                assertEquals(0, o.code(), o.err());
                assertTrue(o.out().contains("report: " + results.resolve(id).resolve("report.html")), o.out());
            }
        }
    }

    @Test
    void aJmhSuiteFolderGetsItsOwnPage() throws Exception {
        Path jmh = Path.of(getClass().getResource("/io/hybench/reports/sources/jmh-endpoint").toURI());
        Path html = dir.resolve("jmh.html");
        CliRun o = CliRun.of("report", "--in", jmh.toString(), "--out", html.toString());
        assertEquals(0, o.code(), o.err());
        String page = Files.readString(html);
        assertTrue(page.contains("EndpointBenchmark"), "the page names the JMH benchmarks");
    }

    @Test
    void benchLeavesItsCommandAndReportInTheRunFolder() throws Exception {
        Path before = results.resolve("before");
        String command = Files.readString(before.resolve("command.txt"));
        assertTrue(command.contains(" && hybench bench --workload " + dir.resolve("w.yaml") + " --out "), command);
        String html = Files.readString(before.resolve("report.html"));
        assertTrue(html.contains("emu ran on the hybench emulator, profile test-vllm"), "emulated target labelled at the top");
        assertTrue(html.contains("hybench bench --workload " + before.toAbsolutePath().normalize().resolve("workload.resolved.yaml")));
    }

    @Test
    void reportRebuildsOneFolderAndComparesSeveral() throws Exception {
        Path one = dir.resolve("one.html");
        CliRun single = CliRun.of("report", "--in", results.resolve("before").toString(), "--out", one.toString());
        assertEquals(0, single.code(), single.err());
        assertTrue(Files.readString(one).contains("<p class=\"kind\">Benchmark report</p>"));

        Path cmp = dir.resolve("cmp.html");
        CliRun two = CliRun.of("report", "--in", results.resolve("before").toString(), results.resolve("after").toString(), "--out", cmp.toString());
        assertEquals(0, two.code(), two.err());
        String html = Files.readString(cmp);
        assertTrue(html.contains("<h1>after vs before</h1>"), "run ids label the runs");
        assertTrue(html.contains("hybench report --in " + results.resolve("before")), "the comparison reproduces with the report command");

        CliRun three = CliRun.of("report", "--in", results.resolve("before").toString(), results.resolve("after").toString(),
                results.resolve("after").toString(), "--label", "v1,v2,v2-again", "--out", cmp.toString());
        assertEquals(0, three.code(), three.err());
        String html3 = Files.readString(cmp);
        assertTrue(html3.contains("<h1>2 runs against v1</h1>") && html3.contains("v2-again vs v1: Changes"), "each run against the first");
    }

    @Test
    void badInputsAreUsageErrors() {
        CliRun noOut = CliRun.of("report", "--in", results.resolve("before").toString(), results.resolve("after").toString());
        assertEquals(2, noOut.code());
        assertTrue(noOut.err().contains("--out FILE is required when several folders are compared"), noOut.err());
        CliRun labels = CliRun.of("report", "--in", results.resolve("before").toString(), "--label", "a,b", "--out", dir.resolve("x.html").toString());
        assertEquals(2, labels.code());
        assertTrue(labels.err().contains("2 labels for 1 folders"), labels.err());
        CliRun notAFolder = CliRun.of("report", "--in", dir.resolve("nope").toString());
        assertEquals(2, notAFolder.code());
        assertTrue(notAFolder.err().contains(dir.resolve("nope") + ": not a directory"), notAFolder.err());
    }
}
