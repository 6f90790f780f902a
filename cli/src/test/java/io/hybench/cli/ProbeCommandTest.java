package io.hybench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybench.bench.testing.ReplayServer.Reply;
import io.hybench.bench.testing.ReplayServer;
import io.hybench.core.mapper.Json;
import io.hybench.core.testing.SharedData;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProbeCommandTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run probe(String... args) {
        CommandLine cl = Hybench.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 1];
        all[0] = "probe";
        System.arraycopy(args, 0, all, 1, args.length);
        int exit = cl.execute(all);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void jsonOutputOfARecordedOllamaStreamHasTheDocumentedFields() throws Exception {
        byte[] recorded = Files.readAllBytes(SharedData.file("fixtures/wire/ollama-ndjson-semantic-kernel-1-chat-stream.txt"));
        try (ReplayServer s = ReplayServer.start(Reply.of(200, "application/x-ndjson", recorded))) {
            Run r = probe("--api", "ollama", "--url", s.uri().toString(), "--model", "phi3", "--prompt", "hi", "--json");
            assertEquals(0, r.exit(), r.err());
            assertEquals(1, r.out().strip().lines().count(), "one JSON object on one line");
            JsonNode j = Json.MAPPER.readTree(r.out());
            assertEquals(" these times of day.", j.get("text").asText());
            assertEquals(10, j.get("inputTokens").asInt());
            assertEquals("SERVER", j.get("inputTokenSource").asText());
            assertEquals(239, j.get("outputTokens").asInt());
            assertEquals("SERVER", j.get("outputTokenSource").asText());
            assertEquals("stop", j.get("finishReason").asText());
            assertTrue(j.get("ttftMs").asDouble() > 0);
            assertTrue(j.get("e2eMs").asDouble() >= j.get("ttftMs").asDouble());
            assertTrue(j.get("errorClass").isNull());
            assertTrue(j.get("errorMessage").isNull());
            assertEquals("/api/chat", j.get("endpoint").asText());
            for (String field : List.of("text", "inputTokens", "inputTokenSource", "outputTokens", "outputTokenSource",
                    "contentChunks", "ttftMs", "e2eMs", "tpotMs", "finishReason", "outputLengthForced", "serverTimings",
                    "errorClass", "httpStatus", "errorMessage", "retryAfterMs", "target", "api", "model")) {
                assertTrue(j.has(field), "documented field " + field);
            }
        }
    }

    @Test
    void aOneTokenWarmUpGoesFirstOnTheSameConnectionAndIsReportedApart() throws Exception {
        byte[] recorded = Files.readAllBytes(SharedData.file("fixtures/wire/ollama-ndjson-semantic-kernel-1-chat-stream.txt"));
        try (ReplayServer s = ReplayServer.start(Reply.of(200, "application/x-ndjson", recorded))) {
            Run r = probe("--api", "ollama", "--url", s.uri().toString(), "--model", "phi3", "--prompt", "hi", "--max-tokens", "50", "--json");
            assertEquals(0, r.exit(), r.err());
            assertEquals(2, s.requests().size());
            assertTrue(s.requests().get(0).body().contains("\"num_predict\":1"), "the warm-up asks for one token: " + s.requests().get(0).body());
            assertTrue(s.requests().get(1).body().contains("\"num_predict\":50"), s.requests().get(1).body());
            assertTrue(r.err().startsWith("hybench probe: warm-up request (not in the figures): TTFT "), r.err());
            assertEquals(1, r.out().strip().lines().count(), "stdout holds the measured request only");
        }
        try (ReplayServer s = ReplayServer.start(Reply.of(200, "application/x-ndjson", recorded))) {
            Run r = probe("--api", "ollama", "--url", s.uri().toString(), "--model", "phi3", "--prompt", "hi", "--no-warm-up", "--json");
            assertEquals(0, r.exit(), r.err());
            assertEquals(1, s.requests().size(), "--no-warm-up measures the first request");
            assertEquals("", r.err());
        }
    }

    @Test
    void tableIsTheDefaultOutput() throws Exception {
        byte[] recorded = Files.readAllBytes(SharedData.file("fixtures/wire/anthropic-sse-anthropic-sdk-python-1-basic.txt"));
        try (ReplayServer s = ReplayServer.start(Reply.of(200, "text/event-stream", recorded))) {
            Run r = probe("--api", "anthropic", "--url", s.uri().toString(), "--model", "claude", "--prompt", "hi", "--max-tokens", "20");
            assertEquals(0, r.exit(), r.err());
            assertTrue(r.out().contains("outputTokens") && r.out().contains("6 (server)"), r.out());
            assertTrue(r.out().contains("Hello there!"), r.out());
        }
    }

    @Test
    void failedRequestExitsNonZeroAndNeverPrintsTheKey() throws Exception {
        String keyVar = System.getenv("PATH") != null ? "PATH" : "HOME"; // any set variable stands in for a key
        String key = System.getenv(keyVar);
        String body = "{\"error\":{\"message\":\"Incorrect API key provided: " + key + "\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}";
        try (ReplayServer s = ReplayServer.start(Reply.of(401, "application/json", body))) {
            Run r = probe("--api", "openai", "--url", s.uri().toString(), "--model", "gpt", "--prompt", "hi",
                    "--api-key-env", keyVar, "--json");
            assertEquals(1, r.exit());
            JsonNode j = Json.MAPPER.readTree(r.out());
            assertEquals("HTTP_STATUS", j.get("errorClass").asText());
            assertEquals(401, j.get("httpStatus").asInt());
            assertTrue(j.get("errorMessage").asText().contains("Incorrect API key provided: [REDACTED]"));
            assertTrue(j.get("e2eMs").isNull(), "E2E is defined for successful requests only");
            assertFalse(r.out().contains(key) || r.err().contains(key), "key printed");
            assertEquals("Bearer " + key, s.requests().getFirst().headers().get("authorization"));
        }
    }

    @Test
    void unsetKeyVariableIsAUsageError() {
        Run r = probe("--api", "openai", "--url", "http://127.0.0.1:9", "--model", "m", "--prompt", "p",
                "--api-key-env", "HYBENCH_SURELY_UNSET_VARIABLE_1234");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("HYBENCH_SURELY_UNSET_VARIABLE_1234"), r.err());
    }
}
