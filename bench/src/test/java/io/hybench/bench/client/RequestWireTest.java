package io.hybench.bench.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybench.bench.client.protocols.StreamingClients;
import io.hybench.bench.testing.ReplayServer.RecordedRequest;
import io.hybench.bench.testing.ReplayServer.Reply;
import io.hybench.bench.testing.ReplayServer;
import io.hybench.core.mapper.Json;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What each client puts on the wire: path, headers, body fields. */
class RequestWireTest {
    private static final String DONE_SSE = "data: [DONE]\n\n";

    private record Sent(RecordedRequest request, JsonNode body, RequestRecord record) {
    }

    private static Sent send(ApiKind api, ServerFlavor flavor, GenerationRequest req, ApiKey key, Reply reply) throws Exception {
        try (ReplayServer s = ReplayServer.start(reply)) {
            RunClock clock = RunClock.startingNow();
            Target t = new Target("t", api, flavor, s.uri(), "model-x", null);
            try (StreamingClient c = StreamingClients.create(t, WireFixtures.TEST_OPTIONS, clock, key)) {
                RequestRecord r = c.execute(req, clock.nanos());
                RecordedRequest sent = s.requests().getFirst();
                return new Sent(sent, Json.MAPPER.readTree(sent.body()), r);
            }
        }
    }

    @Test
    void targetHeadersAndExtraBodyFieldsReachTheWireOfEveryProtocol() throws Exception {
        java.util.Map<String, Object> extra = java.util.Map.of("top_k", 5, "stream", true, "chat_template_kwargs", java.util.Map.of("thinking", false));
        java.util.Map<String, String> headers = java.util.Map.of("X-Tenant", "bench", "X-Api-Key", "env:PATH");
        for (ApiKind api : ApiKind.values()) {
            try (ReplayServer s = ReplayServer.start(Reply.of(200, api == ApiKind.OLLAMA ? "application/x-ndjson" : "text/event-stream", ""))) {
                RunClock clock = RunClock.startingNow();
                Target t = new Target("t", api, ServerFlavor.impliedBy(api), s.uri(), "model-x", null, null, headers, extra);
                try (StreamingClient c = StreamingClients.create(t, WireFixtures.TEST_OPTIONS, clock, ApiKey.none())) {
                    c.execute(GenerationRequest.chat("r", "Say hi", 16), clock.nanos());
                }
                RecordedRequest sent = s.requests().getFirst();
                JsonNode body = Json.MAPPER.readTree(sent.body());
                assertEquals(5, body.get("top_k").asInt(), api.name());
                assertFalse(body.get("chat_template_kwargs").get("thinking").asBoolean(), api.name());
                assertEquals("bench", sent.headers().get("x-tenant"), api.name());
                assertEquals(System.getenv("PATH"), sent.headers().get("x-api-key"), api + ": env:NAME is read from the environment");
            }
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Target("t", ApiKind.OPENAI, ServerFlavor.GENERIC,
                java.net.URI.create("http://h:1"), "m", null, null, java.util.Map.of("Authorization", "Bearer sk-123"), null))
                .getMessage().contains("write env:VARIABLE"), "a literal credential never enters a workload");
    }

    private static GenerationRequest full(boolean chat, boolean force) {
        return new GenerationRequest("r", Conversation.of("Say hi"), chat, new GenerationRequest.Output(128, force), new GenerationRequest.Sampling(0.0, 42L),
                new GenerationRequest.Logprobs(true, 3), new GenerationRequest.OllamaOptions(8192, "-1"), PromptCaching.OFF);
    }

    @Test
    void vllmGetsIgnoreEosAndMinTokensAndTheRecordSaysLengthWasForced() throws Exception {
        Sent s = send(ApiKind.OPENAI, ServerFlavor.VLLM, full(true, true), ApiKey.of("sk-local-123456"),
                Reply.of(200, "text/event-stream", DONE_SSE));
        assertEquals("/v1/chat/completions", s.request().path());
        assertEquals("Bearer sk-local-123456", s.request().headers().get("authorization"));
        assertEquals(Json.MAPPER.readTree("""
                {"model":"model-x","messages":[{"role":"user","content":"Say hi"}],"stream":true,
                 "stream_options":{"include_usage":true},"max_tokens":128,"temperature":0.0,"seed":42,
                 "logprobs":true,"top_logprobs":3,"ignore_eos":true,"min_tokens":128}"""), s.body());
        assertTrue(s.record().tokens().outputLengthForced());
        assertEquals("r", s.request().headers().get("x-hybench-request-id"), "the id that joins the server's log with the results");
    }

    @Test
    void openAiGetsNoVllmExtrasAndTheRecordSaysLengthWasNotForced() throws Exception {
        Sent s = send(ApiKind.OPENAI, ServerFlavor.OPENAI, full(true, true), ApiKey.none(),
                Reply.of(200, "text/event-stream", DONE_SSE));
        assertFalse(s.body().has("ignore_eos"));
        assertFalse(s.body().has("min_tokens"));
        assertEquals(128, s.body().get("max_completion_tokens").asInt());
        assertFalse(s.request().headers().containsKey("authorization"));
        assertFalse(s.record().tokens().outputLengthForced());
    }

    @Test
    void completionsEndpointSendsPromptAndLegacyLogprobs() throws Exception {
        String body = "data: {\"choices\":[{\"index\":0,\"text\":\"Hi\",\"logprobs\":{\"tokens\":[\"H\",\"i\"],\"token_logprobs\":[-0.5,-0.25],"
                + "\"top_logprobs\":[{\"H\":-0.5,\"Y\":-2.0},{\"i\":-0.25}]},\"finish_reason\":null}]}\n\n"
                + "data: {\"choices\":[{\"index\":0,\"text\":\"\",\"finish_reason\":\"length\"}]}\n\n" + DONE_SSE;
        Sent s = send(ApiKind.OPENAI, ServerFlavor.GENERIC, full(false, false), ApiKey.none(), Reply.of(200, "text/event-stream", body));
        assertEquals("/v1/completions", s.request().path());
        assertEquals("Say hi", s.body().get("prompt").asText());
        assertEquals(3, s.body().get("logprobs").asInt());
        RequestRecord r = s.record();
        assertEquals("Hi", r.reply().text());
        assertEquals(2, r.tokens().outputTokens(), "two logprob entries, no usage");
        assertEquals(TokenCountSource.LOGPROBS, r.tokens().outputTokenSource());
        assertEquals(2, r.timeline().chunkTokenCounts()[0]);
        assertEquals(new TokenLogprob("H", -0.5, java.util.List.of(new TokenLogprob.Alternative("H", -0.5),
                new TokenLogprob.Alternative("Y", -2.0))), r.reply().logprobs().getFirst());
        assertEquals("length", r.reply().finishReason());
    }

    @Test
    void ollamaGetsOptionsAndNumericKeepAlive() throws Exception {
        String body = "{\"model\":\"model-x\",\"response\":\"Hi\",\"done\":false}\n"
                + "{\"model\":\"model-x\",\"response\":\"\",\"done\":true,\"done_reason\":\"length\",\"eval_count\":1,\"eval_duration\":5}\n";
        Sent s = send(ApiKind.OLLAMA, ServerFlavor.OLLAMA, full(false, true), ApiKey.none(), Reply.of(200, "application/x-ndjson", body));
        assertEquals("/api/generate", s.request().path());
        assertEquals(Json.MAPPER.readTree("""
                {"model":"model-x","prompt":"Say hi","stream":true,
                 "options":{"num_predict":128,"num_ctx":8192,"temperature":0.0,"seed":42},
                 "keep_alive":-1,"logprobs":true,"top_logprobs":3}"""), s.body());
        RequestRecord r = s.record();
        assertFalse(r.tokens().outputLengthForced(), "Ollama cannot force a length");
        assertEquals("Hi", r.reply().text());
        assertEquals(TokenCountSource.UNKNOWN, r.tokens().inputTokenSource(), "prompt_eval_count omitted: unknown, not 0");
        // omitted durations read as 0, an omitted count as unknown
        assertEquals(new ServerTimings(0L, 0L, null, 0L, 1, 5L), r.reply().serverTimings());
    }

    @Test
    void anthropicGetsVersionHeaderKeyAndMaxTokens() throws Exception {
        String body = "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
        Sent s = send(ApiKind.ANTHROPIC, ServerFlavor.ANTHROPIC, GenerationRequest.chat("r", "Say hi", 50),
                ApiKey.of("sk-ant-abcdef123"), Reply.of(200, "text/event-stream", body));
        assertEquals("/v1/messages", s.request().path());
        assertEquals("2023-06-01", s.request().headers().get("anthropic-version"));
        assertEquals("sk-ant-abcdef123", s.request().headers().get("x-api-key"));
        assertEquals(Json.MAPPER.readTree("""
                {"model":"model-x","max_tokens":50,"messages":[{"role":"user","content":"Say hi"}],"stream":true}"""), s.body());
        assertTrue(s.record().succeeded());
    }

    @Test
    void anthropicPromptCachingMarksTheLastMessagesLastBlockAndOnlyThere() throws Exception {
        String body = "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
        GenerationRequest cached = GenerationRequest.chat("r", "Say hi", 50).withPromptCaching(PromptCaching.AUTO);
        Sent s = send(ApiKind.ANTHROPIC, ServerFlavor.ANTHROPIC, cached, ApiKey.none(), Reply.of(200, "text/event-stream", body));
        assertEquals(Json.MAPPER.readTree("""
                {"model":"model-x","max_tokens":50,"messages":[{"role":"user","content":[{"type":"text","text":"Say hi",
                 "cache_control":{"type":"ephemeral"}}]}],"stream":true}"""), s.body());
        for (ApiKind api : new ApiKind[]{ApiKind.OPENAI, ApiKind.OLLAMA}) {
            Sent other = send(api, ServerFlavor.impliedBy(api), cached, ApiKey.none(),
                    Reply.of(200, api == ApiKind.OLLAMA ? "application/x-ndjson" : "text/event-stream", ""));
            assertFalse(other.body().toString().contains("cache_control"), api + " caches unasked: nothing is marked");
        }
    }

    @Test
    void anthropicRejectsRequestsItCannotExpress() {
        Target t = new Target("t", ApiKind.ANTHROPIC, ServerFlavor.ANTHROPIC, java.net.URI.create("http://127.0.0.1:9"), "m", null);
        try (StreamingClient c = StreamingClients.create(t, WireFixtures.TEST_OPTIONS, RunClock.startingNow(), ApiKey.none())) {
            assertThrows(IllegalArgumentException.class, () -> c.execute(GenerationRequest.chat("r", "p", null), 0));
        }
    }

    @Test
    void missingKeyVariableIsAClearConfigurationError() {
        Target t = new Target("cloud", ApiKind.OPENAI, ServerFlavor.OPENAI, java.net.URI.create("http://127.0.0.1:9"), "m", "HYBENCH_TEST_UNSET_KEY");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ApiKey.fromEnvironment(t, name -> null));
        assertTrue(e.getMessage().contains("HYBENCH_TEST_UNSET_KEY"));
        assertEquals("ApiKey[[REDACTED]]", ApiKey.of("sk-secret-value").toString());
    }

    @Test
    void aHybridRoutersRouteHeadersComeBackOnTheRecord() throws Exception {
        Sent routed = send(ApiKind.OPENAI, ServerFlavor.OPENAI, GenerationRequest.chat("r", "hi", 8), ApiKey.none(),
                Reply.of(200, "text/event-stream", DONE_SSE).header("x-hybench-route", "Escalated")
                        .header("x-hybench-confidence", "-0.4125").header("x-hybench-decision-us", "37"));
        assertEquals(new RouteHeaders("escalated", -0.4125, 37L), routed.record().route());
        Sent spilled = send(ApiKind.OPENAI, ServerFlavor.OPENAI, GenerationRequest.chat("r", "hi", 8), ApiKey.none(),
                Reply.of(200, "text/event-stream", DONE_SSE).header("x-hybench-route", "spilled").header("x-hybench-confidence", "NaN"));
        assertEquals("spilled", spilled.record().route().route());
        assertTrue(Double.isNaN(spilled.record().route().confidence()));
        assertEquals(null, spilled.record().route().decisionMicros());
        Sent plain = send(ApiKind.OPENAI, ServerFlavor.OPENAI, GenerationRequest.chat("r", "hi", 8), ApiKey.none(),
                Reply.of(200, "text/event-stream", DONE_SSE));
        assertEquals(null, plain.record().route(), "a plain server sends no route");
    }
}
