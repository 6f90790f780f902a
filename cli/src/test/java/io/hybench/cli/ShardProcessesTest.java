package io.hybench.cli;

import io.hybench.bench.results.RequestLine;
import io.hybench.bench.results.ResultReader;
import io.hybench.bench.results.RunSummary;
import io.hybench.emulator.Emulator;
import io.hybench.emulator.TestProfiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two {@code hybench bench --shard I/2} processes against one emulator, started together through a start file,
 * then {@code hybench merge}: the merged run has every arrival of one machine's schedule once, its report names
 * the shards, and bad shard sets are refused in one line with exit 2.
 */
class ShardProcessesTest {
    @TempDir
    Path dir;

    @Test
    void twoShardProcessesMergeIntoOneRun() throws Exception {
        try (Emulator emulator = Emulator.start(TestProfiles.vllm(""), 0, 1)) {
            Path workload = Files.writeString(dir.resolve("w.yaml"), """
                    name: sharded
                    seed: 11
                    targets:
                      - {name: emu, api: openai, flavor: vllm, url: "%s", model: "meta-llama/Llama-3.1-8B-Instruct", emulatorProfile: test-vllm}
                    prompts:
                      synthetic: {inputTokens: 16, outputTokens: 6}
                    load: {mode: open, rates: [10], arrival: constant}
                    run: {warmup: 200ms, requests: 20}
                    """.formatted(emulator.baseUrl()));
            Path results = dir.resolve("results");
            List<Process> shards = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                shards.add(new ProcessBuilder(javaBin(), "-cp", System.getProperty("java.class.path"), Hybench.class.getName(), "bench",
                        "--workload", workload.toString(), "--shard", i + "/2", "--start-file", results.resolve("start").toString(),
                        "--start-delay", "3s", "--out", results.toString(), "--run-id", "shard-" + i, "--no-progress")
                        .redirectErrorStream(true).redirectOutput(dir.resolve("shard-" + i + ".log").toFile()).start());
            }
            for (int i = 0; i < 2; i++) {
                assertTrue(shards.get(i).waitFor(120, TimeUnit.SECONDS), "shard " + i + " finished");
                assertEquals(0, shards.get(i).exitValue(), Files.readString(dir.resolve("shard-" + i + ".log")));
            }
            Path merged = dir.resolve("merged");
            CliRun m = CliRun.of("merge", results.resolve("shard-1").toString(), results.resolve("shard-0").toString(), "--out", merged.toString());
            assertEquals(0, m.code(), m.err());
            assertTrue(m.out().contains("shard 0  shard-0"), m.out());

            RunSummary s = ResultReader.load(merged).summary();
            assertEquals(20, s.steps().getFirst().counts().requests(), "20 measured arrivals, 10 per shard");
            List<RequestLine> lines = ResultReader.requests(merged);
            Set<String> ids = lines.stream().map(l -> l.record().requestId()).collect(Collectors.toSet());
            assertEquals(lines.size(), ids.size(), "each arrival sent once");
            for (int i = 0; i < 2; i++) {
                assertEquals(10, ResultReader.requests(results.resolve("shard-" + i)).stream().filter(l -> !l.warmup()).count(),
                        "shard " + i + " sent every second arrival");
            }
            long[] offsets = lines.stream().mapToLong(l -> l.record().timeline().intendedSendNanos() - s.steps().getFirst().window().startNanos()).sorted().toArray();
            for (int i = 1; i < offsets.length; i++) {
                assertEquals(100_000_000L, offsets[i] - offsets[i - 1], 1, "constant 10/s arrivals, the union has every 100 ms slot once");
            }
            String html = Files.readString(merged.resolve("report.html"));
            assertTrue(html.contains("2 of 2 shards") && html.contains("shard-0") && html.contains("shard-1"), "the report names its shards");

            CliRun missing = CliRun.of("merge", results.resolve("shard-0").toString(), "--out", dir.resolve("m2").toString());
            assertEquals(2, missing.code());
            assertEquals("hybench merge: shard 1 of 2 missing; merge needs every shard of the plan", missing.err().strip());
            CliRun twice = CliRun.of("merge", results.resolve("shard-0").toString(), results.resolve("shard-0").toString(), "--out",
                    dir.resolve("m3").toString());
            assertEquals(2, twice.code());
            assertTrue(twice.err().strip().startsWith("hybench merge: shard 0 given twice"), twice.err());
            assertEquals(1, twice.err().strip().lines().count());
            String cut = CutHlog.cut(results.resolve("shard-1").resolve("step-00-emu.hlog"));
            CliRun damaged = CliRun.of("merge", results.resolve("shard-0").toString(), results.resolve("shard-1").toString(), "--out",
                    dir.resolve("m4").toString());
            assertEquals(2, damaged.code(), damaged.err());
            assertEquals(List.of("hybench merge: " + cut), damaged.errLines());
            assertFalse(Files.exists(dir.resolve("m4")), "a merge that failed part-way leaves no folder behind, so it can be run again");
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java" + (File.separatorChar == '\\' ? ".exe" : "")).toString();
    }
}
