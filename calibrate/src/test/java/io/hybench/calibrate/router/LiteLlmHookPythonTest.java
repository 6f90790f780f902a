package io.hybench.calibrate.router;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the LiteLLM hook's own Python tests, so the shipped hook cannot rot unnoticed. */
class LiteLlmHookPythonTest {

    @Test
    void pythonHookTestsPass() throws Exception {
        Path script = Path.of("..", "scripts", "litellm", "test_hybench_hook.py");
        assertTrue(Files.isRegularFile(script), "missing " + script.toAbsolutePath());
        Process p;
        try {
            p = new ProcessBuilder("python3", script.toString()).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            Assumptions.abort("python3 is not installed: the LiteLLM hook's tests cannot run here (" + e.getMessage() + ")");
            return;
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python tests timed out");
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("OK"), output);
    }
}
