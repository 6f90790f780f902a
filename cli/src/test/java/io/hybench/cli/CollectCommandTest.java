package io.hybench.cli;

import io.hybench.bench.testing.ReplayServer.Reply;
import io.hybench.bench.testing.ReplayServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** hybench collect over loopback Ollama NDJSON, then hybench calibrate on what it wrote. */
class CollectCommandTest {
    @TempDir
    Path dir;

    /** An Ollama chat stream saying {@code text}, with server token counts. */
    static Reply ollama(String text) {
        String body = "{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":" + io.hybench.core.mapper.Json.MAPPER.valueToTree(text) + "},\"done\":false}\n"
                + "{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done_reason\":\"stop\",\"done\":true,\"prompt_eval_count\":30,\"eval_count\":8}\n";
        return Reply.of(200, "application/x-ndjson", body);
    }

    @Test
    void collectWritesRowsAndAMappingThatCalibrateReads() throws Exception {
        Path out = dir.resolve("labeled.jsonl");
        try (ReplayServer local = ReplayServer.start(ollama("Answer: 27\nConfidence: 90"));
             ReplayServer cloud = ReplayServer.start(ollama("Answer: 66\nConfidence: 99"))) {
            CliRun r = CliRun.of("collect", "--questions", "../datasets/synthetic-v1.jsonl", "--mapping", "../datasets/synthetic-v1.mapping.yaml",
                    "--local", "api=ollama,url=" + local.uri() + ",model=small",
                    "--cloud", "api=ollama,url=" + cloud.uri() + ",model=big",
                    "--prices", "../docs/prices.example.yaml", "--limit", "4", "--no-progress", "--out", out.toString());
            assertEquals(0, r.code(), r.err() + r.out());
            assertTrue(r.out().contains("questions 4, rows 4 (0 resumed, 4 new)"), r.out());
            // Ollama's plain reply: no logprobs come back, so those signals are absent and say why.
            assertTrue(r.out().contains("local_mean_logprob left out: present in 0 of 4 rows; absent because {the target returned no logprobs=4}"), r.out());
            assertEquals(4, Files.readAllLines(out).size());
            // Question 1 is 6 + 21 = 27: the local side is right there. Rows arrive in completion order.
            String first = Files.readAllLines(out).stream().filter(l -> l.contains("\"id\":\"arithmetic-1-001\"")).findFirst().orElseThrow();
            assertTrue(first.contains("\"local_correct\":true") && first.contains("\"cloud_correct\":false"), first);
            assertTrue(Files.exists(dir.resolve("labeled.provenance.json")));
            assertTrue(Files.exists(dir.resolve("labeled.summary.json")));
        }
        CliRun cal = CliRun.of("calibrate", "--data", out.toString(), "--mapping", dir.resolve("labeled.mapping.yaml").toString(),
                "--resamples", "50", "--holdout", "0", "--out", dir.resolve("cal").toString());
        assertEquals(0, cal.code(), cal.err() + cal.out());
        assertTrue(Files.exists(dir.resolve("cal/summary.json")));
    }

    @Test
    void badTargetSpecIsAnOptionError() {
        CliRun r = CliRun.of("collect", "--questions", "../datasets/synthetic-v1.jsonl", "--mapping", "../datasets/synthetic-v1.mapping.yaml",
                "--local", "api=ollama,url=http://127.0.0.1:1,model=m,colour=red", "--out", dir.resolve("x.jsonl").toString());
        assertEquals(2, r.code());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().startsWith("hybench collect: target spec: unknown key 'colour'") && r.err().strip().endsWith("(see: hybench collect --help)"), r.err());
    }

    @Test
    void aBugOfOursIsAnInternalErrorNotAnOptionError() {
        CliRun r = CliRun.withBug("collect", "--questions", "../datasets/synthetic-v1.jsonl", "--mapping", "../datasets/synthetic-v1.mapping.yaml",
                "--local", "api=ollama,url=http://127.0.0.1:1,model=m", "--prices", CliRun.BROKEN, "--out", dir.resolve("x.jsonl").toString());
        assertEquals(1, r.code(), r.err());
        assertEquals(List.of(CliRun.bugLine("collect")), r.errLines());
    }
}
