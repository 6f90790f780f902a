package io.hybench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybench.bench.results.JmhFolder;
import io.hybench.core.mapper.Json;
import io.hybench.emulator.Emulator;
import io.hybench.emulator.profile.ProfileLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The suite runner end to end, in-process ({@code -f 0}) with one short iteration: what lands in the
 * result folder, and that an unreachable target fails the run instead of scoring it.
 */
class JmhSuitesTest {
    @TempDir
    Path results;

    @Test
    void anUnknownSuiteIsAUsageError() {
        assertEquals(JmhSuites.USAGE, JmhSuites.run(new String[]{"nope"}));
    }

    @Test
    void noReachableTargetFailsTheRunAndLeavesNoResults() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        int status = JmhSuites.run(new String[]{"endpoint", "--results", results.toString(), "-f", "0", "-wi", "0", "-i", "1",
                "-r", "200ms", "-p", "url=http://127.0.0.1:" + closedPort});
        assertEquals(JmhSuites.FAILED, status);
        try (Stream<Path> left = Files.list(results)) {
            assertEquals(List.of(), left.toList(), "no result folder for a run that measured nothing");
        }
    }

    @Test
    void theEndpointSuiteReportsLatencyTtftAndTokensPerSecondAgainstTheEmulator() throws IOException {
        // The suite's default target (vLLM-like emulator, its model); forced output length: exactly 8 tokens a request
        try (Emulator emulator = Emulator.start(ProfileLoader.load("llama3.1-8b-a100-vllm"), 0, 1)) {
            int status = JmhSuites.run(new String[]{"endpoint", "--results", results.toString(), "-f", "0", "-wi", "0", "-i", "1",
                    "-r", "1s", "-p", "url=" + emulator.baseUrl(), "-p", "promptTokens=16", "-p", "maxTokens=8",
                    "-p", "forceOutputLength=true"});
            assertEquals(0, status);
        }
        Path dir;
        try (Stream<Path> dirs = Files.list(results)) {
            dir = dirs.findFirst().orElseThrow();
        }
        assertTrue(dir.getFileName().toString().startsWith("jmh-endpoint-"));
        assertEquals("endpoint", JmhFolder.readRun(dir).suite());
        JsonNode runs = Json.MAPPER.readTree(dir.resolve(JmhFolder.RESULTS).toFile());
        assertEquals(2, runs.size(), "latency and tokens");
        for (JsonNode b : runs) {
            JsonNode ttft = b.path("secondaryMetrics").path("ttft");
            assertEquals("ms/op", ttft.path("scoreUnit").asText(), b.path("benchmark").asText());
            assertTrue(ttft.path("score").asDouble() > 0);
            if (b.path("benchmark").asText().endsWith(".tokens")) {
                double tokensPerSecond = b.path("secondaryMetrics").path("outputTokens").path("score").asDouble();
                double requestsPerSecond = b.path("primaryMetric").path("score").asDouble();
                assertEquals(8 * requestsPerSecond, tokensPerSecond, 1e-6 * tokensPerSecond, "8 tokens per request");
            } else {
                assertEquals("ms/op", b.path("primaryMetric").path("scoreUnit").asText());
            }
        }
    }
}
