package io.hybench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchCommandTest {
    private static final Path EXAMPLE = Path.of("..", "docs", "workloads", "chat-sweep.yaml");

    private record Outcome(int code, String out, String err) {
    }

    private static Outcome run(String... args) {
        CommandLine cl = Hybench.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void badOverrideIsReportedByOptionName(@TempDir Path dir) {
        Outcome o = run("bench", "--workload", EXAMPLE.toString(), "--mode", "open", "--out", dir.toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("--mode open: give --rates"), o.err());
        Outcome t = run("bench", "--workload", EXAMPLE.toString(), "--target", "nope", "--out", dir.toString());
        assertTrue(t.err().contains("--target: no target named 'nope' in the workload (has: ollama-local, vllm-local)"), t.err());
    }

    @Test
    void badWorkloadFileNamesTheField(@TempDir Path dir) throws Exception {
        Path w = dir.resolve("w.yaml");
        Files.writeString(w, Files.readString(EXAMPLE).replace("users: [1, 2, 4, 8, 16, 32]", "users: [1, -2]"));
        Outcome o = run("bench", "--workload", w.toString(), "--out", dir.toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains(w + ": load.users[1]: users must be >= 1, was -2"), o.err());
    }

    @Test
    void aTargetWithoutAClientFailsBeforeAnyLoadOrResultFolder(@TempDir Path dir) {
        Path out = dir.resolve("results");
        Outcome o = run("bench", "--workload", EXAMPLE.toString(), "--no-progress", "--out", out.toString());
        assertEquals(1, o.code());
        assertTrue(o.err().contains("target 'ollama-local'"), o.err());
        assertFalse(Files.exists(out), "nothing was written");
    }
}
