package io.hybench.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybench.core.mapper.Json;
import io.hybench.core.testing.SharedData;
import io.hybench.emulator.truth.TruthLog;
import io.hybench.emulator.truth.TruthRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real HTTP against a running emulator; every streamed object is compared with a recorded fixture's shape. */
class EmulatorWireTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static HttpResponse<String> post(Emulator e, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(e.baseUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(Emulator e, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(e.baseUrl() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(String s) throws IOException {
        return Json.MAPPER.readTree(s);
    }

    /** The JSON payloads of an SSE body, in order ("[DONE]" kept as a text node). */
    static List<JsonNode> sseData(String body) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (!line.startsWith("data: ")) continue;
            String data = line.substring(6);
            out.add(data.equals("[DONE]") ? Json.MAPPER.getNodeFactory().textNode("[DONE]") : json(data));
        }
        return out;
    }

    static List<String> sseEvents(String body) {
        List<String> out = new ArrayList<>();
        for (String line : body.split("\n")) if (line.startsWith("event: ")) out.add(line.substring(7));
        return out;
    }

    static List<JsonNode> fixtureSse(String name) throws IOException {
        return sseData(Files.readString(SharedData.file("fixtures/wire/" + name)));
    }

    @Test
    void ollamaChatStreamMatchesRecordedShapeWithDurationsInNanoseconds() throws Exception {
        List<String> fixture = Files.readAllLines(SharedData.file("fixtures/wire/ollama-ndjson-semantic-kernel-1-chat-stream.txt"));
        try (Emulator e = Emulator.start(TestProfiles.ollama(512, ""), 0, 7)) {
            var r = post(e, "/api/chat", "{\"model\":\"llama3.1:8b\",\"messages\":[{\"role\":\"user\",\"content\":\"hi there\"}]}");
            assertEquals(200, r.statusCode());
            assertEquals("application/x-ndjson", r.headers().firstValue("Content-Type").orElseThrow());
            List<String> lines = r.body().lines().toList();
            JsonNode fixtureToken = json(fixture.get(0));
            JsonNode fixtureDone = json(fixture.get(fixture.size() - 1));
            for (String line : lines.subList(0, lines.size() - 1)) assertEquals(WireShape.of(fixtureToken), WireShape.of(json(line)));
            JsonNode done = json(lines.get(lines.size() - 1));
            assertEquals(WireShape.of(fixtureDone), WireShape.of(done), "final chunk (first request loads the model)");
            assertEquals(lines.size() - 1 + 1, done.get("eval_count").asInt(), "eval_count counts the EOS token");
            assertTrue(done.get("load_duration").asLong() >= 20_000_000L, "load_duration in ns covers the 20 ms load");
            assertTrue(done.get("total_duration").asLong() > done.get("eval_duration").asLong());

            JsonNode second = json(post(e, "/api/generate", "{\"model\":\"llama3.1:8b\",\"prompt\":\"x\",\"stream\":false}").body());
            assertFalse(second.has("load_duration"), "zero durations are omitted once loaded: " + second);
            assertTrue(second.get("done").asBoolean() && second.get("context").isArray());
        }
    }

    @Test
    void vllmChatStreamMatchesRecordedShapeAndCountsEos() throws Exception {
        List<JsonNode> fixture = fixtureSse("vllm-sse-pydantic-ai-1-crusoe-vllm0.24-usage.txt");
        try (Emulator e = Emulator.start(TestProfiles.vllm(""), 0, 7)) {
            var r = post(e, "/v1/chat/completions", "{\"model\":\"meta-llama/Llama-3.1-8B-Instruct\",\"stream\":true,"
                    + "\"stream_options\":{},\"messages\":[{\"role\":\"user\",\"content\":\"count\"}]}");
            assertEquals(200, r.statusCode());
            List<JsonNode> chunks = sseData(r.body());
            int n = chunks.size();
            assertEquals("[DONE]", chunks.get(n - 1).asText());
            assertEquals(WireShape.of(fixture.get(0)), WireShape.of(chunks.get(0)), "role chunk");
            for (JsonNode c : chunks.subList(1, n - 3)) assertEquals(WireShape.of(fixture.get(1)), WireShape.of(c), "content chunk");
            assertEquals(WireShape.of(fixture.get(fixture.size() - 3)), WireShape.of(chunks.get(n - 3)), "finish chunk");
            JsonNode usage = chunks.get(n - 2);
            assertEquals(WireShape.keys(fixture.get(fixture.size() - 2)), WireShape.keys(usage), "usage chunk (stream_options implies include_usage)");
            assertEquals(n - 4 + 1, usage.at("/usage/completion_tokens").asInt(), "EOS counts in completion_tokens");
        }
    }

    @Test
    void vllmLengthCapPutsFinishOnLastTokenAndLogprobsFollowOpenAiShape() throws Exception {
        List<JsonNode> fixture = fixtureSse("openai-sse-openai-python-2-logprobs.txt");
        try (Emulator e = Emulator.start(TestProfiles.vllm(""), 0, 7)) {
            var r = post(e, "/v1/chat/completions", "{\"model\":\"meta-llama/Llama-3.1-8B-Instruct\",\"stream\":true,"
                    + "\"max_tokens\":5,\"ignore_eos\":true,\"logprobs\":true,\"top_logprobs\":2,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
            List<JsonNode> chunks = sseData(r.body());
            assertEquals(1 + 5 + 1, chunks.size(), "role, five tokens, [DONE]; no usage without stream_options");
            JsonNode last = chunks.get(5).at("/choices/0");
            assertEquals("length", last.get("finish_reason").asText());
            JsonNode entry = chunks.get(2).at("/choices/0/logprobs/content/0");
            assertEquals(WireShape.of(fixture.get(1).at("/choices/0/logprobs/content/0")).replace("top_logprobs:[]",
                    "top_logprobs:[{token:string,logprob:number,bytes:[number]}]"), WireShape.of(entry));
            assertEquals(2, entry.get("top_logprobs").size());
        }
    }

    @Test
    void openAiDialectMatchesTheCurrentOpenAiShapeWithUsageNullOnEveryChunk() throws Exception {
        List<JsonNode> fixture = fixtureSse("openai-sse-pydantic-ai-5-obfuscation-usage-null.txt");
        try (Emulator e = Emulator.start(TestProfiles.cloud(0, 0), 0, 7)) {
            var r = post(e, "/v1/chat/completions", "{\"model\":\"frontier-test\",\"stream\":true,"
                    + "\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
            List<JsonNode> chunks = sseData(r.body());
            int n = chunks.size();
            assertEquals(WireShape.of(fixture.get(0)), WireShape.of(chunks.get(0)));
            for (JsonNode c : chunks.subList(1, n - 3)) assertEquals(WireShape.of(fixture.get(1)), WireShape.of(c));
            assertEquals(WireShape.of(fixture.get(fixture.size() - 3)), WireShape.of(chunks.get(n - 3)));
            assertEquals(WireShape.of(fixture.get(fixture.size() - 2)), WireShape.of(chunks.get(n - 2)));
            assertEquals(n - 4, chunks.get(n - 2).at("/usage/completion_tokens").asInt(), "OpenAI counts text tokens only");
        }
    }

    @Test
    void anthropicStreamHasTheRecordedEventSequenceAndShapes() throws Exception {
        String fixtureBody = Files.readString(SharedData.file("fixtures/wire/anthropic-sse-anthropic-sdk-python-1-basic.txt"));
        List<JsonNode> fixture = sseData(fixtureBody);
        try (Emulator e = Emulator.start(TestProfiles.cloud(0, 0), 0, 7)) {
            var r = post(e, "/v1/messages", "{\"model\":\"frontier-test\",\"max_tokens\":64,\"stream\":true,"
                    + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
            List<String> events = sseEvents(r.body());
            List<String> expected = new ArrayList<>(List.of("message_start", "content_block_start", "ping"));
            while (expected.size() < events.size() - 3) expected.add("content_block_delta");
            expected.addAll(List.of("content_block_stop", "message_delta", "message_stop"));
            assertEquals(expected, events);
            List<JsonNode> data = sseData(r.body());
            assertEquals(WireShape.of(fixture.get(1)), WireShape.of(data.get(1)));
            assertEquals(WireShape.of(fixture.get(3)), WireShape.of(data.get(3)));
            assertEquals(WireShape.of(fixture.get(fixture.size() - 2)), WireShape.of(data.get(data.size() - 2)));
            JsonNode realStart = fixtureSse("anthropic-sse-anthropic-sdk-python-2-tool-use.txt").get(0);
            // since the 1-hour cache TTL the usage also splits cache writes by lifetime, after cache_read_input_tokens
            // (later captures: "cache_creation":{"ephemeral_5m_input_tokens":..,"ephemeral_1h_input_tokens":..})
            ObjectNode start = data.get(0).deepCopy();
            JsonNode split = ((ObjectNode) start.path("message").path("usage")).remove("cache_creation");
            assertEquals(WireShape.of(realStart), WireShape.of(start), "message_start as a real capture has it");
            List<String> lifetimes = new ArrayList<>();
            split.fieldNames().forEachRemaining(lifetimes::add);
            assertEquals(List.of("ephemeral_5m_input_tokens", "ephemeral_1h_input_tokens"), lifetimes);
        }
    }

    @Test
    void ollamaRefusesWithTheExact503WhenTheLoadQueueIsFull() throws Exception {
        try (Emulator e = Emulator.start(TestProfiles.ollama(0, ""), 0, 7)) {
            var r = post(e, "/api/chat", "{\"model\":\"llama3.1:8b\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
            assertEquals(503, r.statusCode());
            assertEquals("{\"error\":\"server busy, please try again.  maximum pending requests exceeded\"}", r.body());
            var unknown = post(e, "/api/chat", "{\"model\":\"nope\",\"messages\":[]}");
            assertEquals(404, unknown.statusCode());
            assertEquals("{\"error\":\"model 'nope' not found\"}", unknown.body());
        }
    }

    @Test
    void cloudLimitsAnswer429WithRetryAfterAndOverloadAnswers529() throws Exception {
        try (Emulator e = Emulator.start(TestProfiles.cloud(1, 0), 0, 7)) {
            String req = "{\"model\":\"frontier-test\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}";
            assertEquals(200, post(e, "/v1/chat/completions", req).statusCode());
            var limited = post(e, "/v1/chat/completions", req);
            assertEquals(429, limited.statusCode());
            int retryAfter = Integer.parseInt(limited.headers().firstValue("retry-after").orElseThrow());
            assertTrue(retryAfter >= 59 && retryAfter <= 60, "retry-after " + retryAfter);
            assertEquals("rate_limit_exceeded", json(limited.body()).at("/error/code").asText());
        }
        try (Emulator e = Emulator.start(TestProfiles.cloud(0, 1.0), 0, 7)) {
            var r = post(e, "/v1/messages", "{\"model\":\"frontier-test\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
            assertEquals(529, r.statusCode());
            JsonNode body = json(r.body());
            assertEquals("overloaded_error", body.at("/error/type").asText());
            assertEquals("error", body.get("type").asText());

            var openAi = post(e, "/v1/chat/completions", "{\"model\":\"frontier-test\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
            assertEquals(503, openAi.statusCode());
            assertEquals("server_error", json(openAi.body()).at("/error/type").asText());
            assertTrue(json(openAi.body()).at("/error/code").isNull(), "OpenAI sends code: null");
        }
    }

    /**
     * Headers leave when the truth says: an SSE stream's at acceptance, not held back until the first token. Judged by
     * order, not by a clock: the first token is queued for an hour, so headers that reach the client came before it.
     */
    @Test
    void sseHeadersReachTheClientBeforeTheFirstToken() throws Exception {
        var profile = io.hybench.emulator.profile.ProfileLoader.parse("""
                name: slow-first-token
                model: m
                output: {eos_median_tokens: 3, eos_sigma: 0, context_tokens: 4096}
                engine: {kind: cloud, rtt_ms: 0, queue_median_ms: 3600000, queue_sigma: 0, prefill_tokens_per_s: 100000,
                         decode_tokens_per_s: 1000, decode_jitter_sigma: 0, rpm_limit: 0, tpm_limit: 0, overload_rate: 0}
                """, "slow-first-token");
        try (Emulator e = Emulator.start(profile, 0, 1)) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(e.baseUrl() + "/v1/chat/completions"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"))
                    .build();
            // Held back until the first token, the headers would take the hour: the limit only ends such a wait.
            var response = HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream()).get(5, TimeUnit.MINUTES);
            try (var body = response.body()) {
                assertEquals(200, response.statusCode());
                assertEquals("text/event-stream", response.headers().firstValue("Content-Type").orElseThrow().split(";")[0].strip());
                assertEquals(List.of(), e.truth().records().stream().filter(t -> t.kind().equals("token")).toList(),
                        "headers at the client while no token has been written");
            }
        }
    }

    /** Ollama's Go server sends its headers with the first chunk, so a client cannot see them earlier. */
    @Test
    void ollamaHeadersTravelWithTheFirstChunk() throws Exception {
        Emulator e = Emulator.start(TestProfiles.ollama(512, ""), 0, 1);
        long headersSeen;
        try (e) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(e.baseUrl() + "/api/generate"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"llama3.1:8b\",\"prompt\":\"x\"}")).build();
            var response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
            headersSeen = System.nanoTime() - e.originNanoTime();
            try (var body = response.body()) {
                body.readAllBytes();
            }
        }
        // Against the first chunk's due time: the write stamp is taken after the flush, so a client may see the
        // bytes before the emulator logs them (hence read once it has closed), but never before the emulator let them go.
        long firstTokenDue = e.truth().records().stream().filter(t -> t.kind().equals("token"))
                .mapToLong(TruthRecord::scheduledNanos).min().orElseThrow();
        assertTrue(headersSeen >= firstTokenDue, "headers at " + headersSeen + " ns, first token due at " + firstTokenDue + " ns");
    }

    /** Ollama's replies to requests without a prompt: one JSON object, done_reason load / unload, field order as Go's structs. */
    @Test
    void ollamaPromptlessRequestsLoadAndUnloadTheModel() throws Exception {
        try (Emulator e = Emulator.start(TestProfiles.ollama(512, ""), 0, 1)) {
            var load = post(e, "/api/generate", "{\"model\":\"llama3.1:8b\"}");
            assertEquals(200, load.statusCode());
            assertEquals("application/json; charset=utf-8", load.headers().firstValue("Content-Type").orElseThrow());
            JsonNode l = json(load.body());
            assertEquals(List.of("model", "created_at", "response", "done", "done_reason"), fieldNames(l));
            assertEquals("load", l.get("done_reason").asText());
            assertEquals("", l.get("response").asText());
            assertEquals(1, json(get(e, "/api/ps").body()).get("models").size());

            JsonNode u = json(post(e, "/api/chat", "{\"model\":\"llama3.1:8b\",\"messages\":[],\"keep_alive\":0}").body());
            assertEquals(List.of("model", "created_at", "message", "done_reason", "done"), fieldNames(u));
            assertEquals("unload", u.get("done_reason").asText());
            assertEquals("assistant", u.at("/message/role").asText());
            assertEquals(0, json(get(e, "/api/ps").body()).get("models").size());
        }
    }

    @Test
    void ollamaTagsAndPsReportTheProfilesModelSizes() throws Exception {
        try (Emulator e = Emulator.start(TestProfiles.ollama(512, """
                  model_file_bytes: 4868187500
                  loaded_bytes: 5705058412
                  vram_bytes: 0
                """), 0, 1)) {
            assertEquals(4_868_187_500L, json(get(e, "/api/tags").body()).at("/models/0/size").asLong());
            post(e, "/api/generate", "{\"model\":\"llama3.1:8b\"}");
            JsonNode ps = json(get(e, "/api/ps").body()).at("/models/0");
            assertEquals(5_705_058_412L, ps.get("size").asLong());
            assertEquals(0, ps.get("size_vram").asLong());
            assertEquals(4096, ps.get("context_length").asInt());

            post(e, "/api/generate", "{\"model\":\"llama3.1:8b\",\"options\":{\"num_ctx\":8192}}");
            assertEquals(8192, json(get(e, "/api/ps").body()).at("/models/0/context_length").asInt(), "reloaded with num_ctx");
        }
    }

    private static List<String> fieldNames(JsonNode o) {
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void truthRecordsEveryWriteWithScheduledAndWrittenTimes() throws Exception {
        Emulator e = Emulator.start(TestProfiles.vllm(""), 0, 7);
        int writes;
        try (e) {
            var r = post(e, "/v1/completions", "{\"model\":\"meta-llama/Llama-3.1-8B-Instruct\",\"prompt\":\"x\",\"stream\":true}");
            writes = sseData(r.body()).size();
        }
        // Read once the emulator has closed: it logs a write after flushing it, so the client may hold the last bytes first.
        List<TruthRecord> truth = e.truth().records();
        assertEquals(writes + 1, truth.size(), "headers plus one record per data frame");
        for (TruthRecord t : truth) assertTrue(t.writtenNanos() >= t.scheduledNanos(), t.toString());
        long tokens = truth.stream().filter(t -> t.kind().equals("token")).count();
        assertTrue(tokens >= 1);
    }

    @Test
    void truthFileStartsWithItsClockAndNamesTheClientsRequest(@TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("truth.jsonl");
        long origin;
        try (Emulator e = Emulator.start(TestProfiles.vllm(""), 0, 7, TruthLog.toFile(file))) {
            origin = e.originNanoTime();
            post(e, "/v1/completions", "{\"model\":\"meta-llama/Llama-3.1-8B-Instruct\",\"prompt\":\"x\",\"stream\":true}",
                    "x-hybench-request-id", "run-s00-000001");
            post(e, "/v1/completions", "{\"model\":\"meta-llama/Llama-3.1-8B-Instruct\",\"prompt\":\"x\",\"stream\":true}");
        }
        List<String> lines = Files.readAllLines(file);
        JsonNode clock = json(lines.getFirst());
        assertEquals("clock", clock.get("kind").asText());
        assertEquals(origin, clock.get("clock").get("originNanoTime").asLong(), "the System.nanoTime the truth times count from");
        assertTrue(clock.get("clock").has("anchorEpochNanos"));
        List<JsonNode> writes = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) writes.add(json(l));
        assertTrue(writes.stream().filter(w -> w.get("request").asLong() == 1).allMatch(w -> w.get("clientRequest").asText().equals("run-s00-000001")));
        assertTrue(writes.stream().filter(w -> w.get("request").asLong() == 2).noneMatch(w -> w.has("clientRequest")), "no header, no id");
    }

    @Test
    void injectedFaultsShowOnTheWire() throws Exception {
        String chat = "{\"model\":\"meta-llama/Llama-3.1-8B-Instruct\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}";
        try (Emulator e = Emulator.start(TestProfiles.vllm("faults:\n  server_error_rate: 1\n"), 0, 7)) {
            var r = post(e, "/v1/chat/completions", chat);
            assertEquals(500, r.statusCode());
            assertEquals(500, json(r.body()).at("/error/code").asInt());
        }
        try (Emulator e = Emulator.start(TestProfiles.vllm("faults:\n  disconnect_rate: 1\n"), 0, 7)) {
            assertThrows(IOException.class, () -> post(e, "/v1/chat/completions", chat));
        }
        try (Emulator e = Emulator.start(TestProfiles.vllm("faults:\n  malformed_rate: 1\n"), 0, 7)) {
            String body = post(e, "/v1/chat/completions", chat).body();
            assertThrows(IOException.class, () -> sseData(body));
            assertTrue(body.endsWith("data: [DONE]\n\n"), "the stream goes on after the bad chunk");
        }
        Emulator stalling = Emulator.start(TestProfiles.vllm("faults:\n  stall_rate: 1\n  stall_ms: 150\n"), 0, 7);
        try (stalling) {
            post(stalling, "/v1/chat/completions", chat);
        }
        assertEquals(1, stalling.truth().records().stream().filter(t -> "stall".equals(t.fault())).count(), "read once closed: every write logged");
    }

    @Test
    void metricsUseVllmNames() throws Exception {
        try (Emulator e = Emulator.start(TestProfiles.vllm(""), 0, 7)) {
            String m = get(e, "/metrics").body();
            for (String name : List.of("vllm:num_requests_running{", "vllm:num_requests_waiting{", "vllm:kv_cache_usage_perc{")) {
                assertTrue(m.contains(name), name + " in\n" + m);
            }
            assertEquals("meta-llama/Llama-3.1-8B-Instruct", json(get(e, "/v1/models").body()).at("/data/0/id").asText());
        }
    }
}
