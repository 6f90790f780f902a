package io.hybench.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryCommandTest {
    private static int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cl = Hybench.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void fitIsDecidedAgainstTheDevice() {
        // Llama-3.1-8B q4_K_M, 32k context x 4 slots: 4.87 GB weights + 17.18 GB KV + 0.30 GB = 22.35 GB.
        StringWriter o = new StringWriter();
        assertEquals(0, run(o, new StringWriter(), "memory", "--ctx", "32768", "--slots", "4", "--device-gb", "24"));
        assertTrue(o.toString().contains("total      22.35 GB") && o.toString().contains("fits a 24 GB device"), o.toString());
        o = new StringWriter();
        assertEquals(1, run(o, new StringWriter(), "memory", "--ctx", "32768", "--slots", "4", "--device-gb", "16"));
        assertTrue(o.toString().contains("does NOT fit a 16 GB device"), o.toString());
    }

    @Test
    void customArchitectureNeedsItsShape() {
        StringWriter e = new StringWriter();
        assertEquals(2, run(new StringWriter(), e, "memory", "--params-b", "7"));
        assertTrue(e.toString().contains("--layers"), e.toString());
        StringWriter o = new StringWriter();
        assertEquals(0, run(o, new StringWriter(), "memory", "--params-b", "10", "--layers", "1", "--kv-heads", "1", "--head-dim", "1",
                "--ctx", "1", "--overhead-gb", "0"));
        assertTrue(o.toString().contains("weights     6.06 GB"), o.toString());
    }
}
