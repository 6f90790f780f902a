package io.hybench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchCommandTest {
    private static final Path EXAMPLE = Path.of("..", "docs", "workloads", "chat-sweep.yaml");

    @Test
    void badOverrideIsReportedByOptionName(@TempDir Path dir) {
        CliRun o = CliRun.of("bench", "--workload", EXAMPLE.toString(), "--mode", "open", "--out", dir.toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("--mode open: give --rates"), o.err());
        CliRun t = CliRun.of("bench", "--workload", EXAMPLE.toString(), "--target", "nope", "--out", dir.toString());
        assertTrue(t.err().contains("--target: no target named 'nope' in the workload (has: ollama-local, vllm-local)"), t.err());
    }

    @Test
    void badWorkloadFileNamesTheField(@TempDir Path dir) throws Exception {
        Path w = dir.resolve("w.yaml");
        Files.writeString(w, Files.readString(EXAMPLE).replace("users: [1, 2, 4, 8, 16, 32]", "users: [1, -2]"));
        CliRun o = CliRun.of("bench", "--workload", w.toString(), "--out", dir.toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains(w + ": load.users[1]: users must be >= 1, was -2"), o.err());
    }

    @Test
    void aTargetWithoutAClientFailsBeforeAnyLoadOrResultFolder(@TempDir Path dir) {
        Path out = dir.resolve("results");
        CliRun o = CliRun.of("bench", "--workload", EXAMPLE.toString(), "--no-progress", "--out", out.toString());
        assertEquals(1, o.code());
        assertTrue(o.err().contains("target 'ollama-local'"), o.err());
        assertFalse(Files.exists(out), "nothing was written");
    }
}
