package io.hybench.bench.client;

import io.hybench.bench.client.protocols.StreamingClients;
import io.hybench.bench.testing.ReplayServer.Ending;
import io.hybench.bench.testing.ReplayServer.Framing;
import io.hybench.bench.testing.ReplayServer.Reply;
import io.hybench.bench.testing.ReplayServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every {@link ErrorClass}, provoked over real loopback HTTP with the servers' real error shapes. */
class ErrorClassTest {
    private static final String SSE = "text/event-stream";
    private static final String NDJSON = "application/x-ndjson";
    private static final String JSON = "application/json";
    /** For the timeout cases only: everything else waits patiently, so a loaded machine cannot turn it into a timeout. */
    private static final ClientOptions SHORT =
            new ClientOptions(Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofMillis(300));
    private static final ClientOptions PATIENT =
            new ClientOptions(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30));

    private static final String OPENAI_ROLE = "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n";
    private static final String OPENAI_HI = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":null}]}\n\n";

    static RequestRecord run(ApiKind api, ServerFlavor flavor, URI url, ApiKey key) {
        return run(api, flavor, url, key, PATIENT);
    }

    private static RequestRecord run(ApiKind api, ServerFlavor flavor, URI url, ApiKey key, ClientOptions options) {
        RunClock clock = RunClock.startingNow();
        Target t = new Target("t", api, flavor, url, "m", null);
        try (StreamingClient c = StreamingClients.create(t, options, clock, key)) {
            return c.execute(GenerationRequest.chat("r1", "hello", 16), clock.nanos());
        }
    }

    static RequestRecord run(ApiKind api, Reply reply) {
        return run(api, reply, PATIENT);
    }

    private static RequestRecord runWithShortTimeouts(ApiKind api, Reply reply) {
        return run(api, reply, SHORT);
    }

    private static RequestRecord run(ApiKind api, Reply reply, ClientOptions options) {
        ServerFlavor flavor = switch (api) {
            case OLLAMA -> ServerFlavor.OLLAMA;
            case OPENAI -> ServerFlavor.VLLM;
            case ANTHROPIC -> ServerFlavor.ANTHROPIC;
        };
        try (ReplayServer s = ReplayServer.start(reply)) {
            return run(api, flavor, s.uri(), ApiKey.none(), options);
        }
    }

    static void assertError(RequestRecord r, ErrorClass expected, Integer status, String messagePart) {
        assertFalse(r.succeeded(), "expected " + expected);
        assertEquals(expected, r.error().errorClass(), r.error().message());
        assertEquals(status, r.error().httpStatus());
        assertTrue(r.error().message().contains(messagePart), () -> r.error().message() + " lacks " + messagePart);
    }

    @Test
    void anHtmlPageWithStatus200IsMalformedStreamNotDisconnect() {
        // A captive portal or proxy answering in the server's place: no stream at all, not a cut one.
        for (ApiKind api : ApiKind.values()) {
            RequestRecord r = run(api, Reply.of(200, "text/html; charset=utf-8", "<html><body>Sign in</body></html>"));
            assertEquals(ErrorClass.MALFORMED_STREAM, r.error().errorClass(), api + ": " + r.error().message());
        }
    }

    @Test
    void connectionRefusedIsConnect() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        RequestRecord r = run(ApiKind.OPENAI, ServerFlavor.GENERIC, URI.create("http://127.0.0.1:" + port), ApiKey.none());
        assertError(r, ErrorClass.CONNECT, null, "cannot connect");
        assertNull(r.headersNanos());
        assertNull(r.outputTokens());
        assertEquals(TokenCountSource.UNKNOWN, r.outputTokenSource());
    }

    @Test
    void noHeadersWithinFirstTokenTimeoutIsTimeoutFirstToken() {
        assertError(runWithShortTimeouts(ApiKind.OLLAMA, Reply.silence()), ErrorClass.TIMEOUT_FIRST_TOKEN, null, "no response headers");
    }

    @Test
    void roleChunkThenSilenceIsTimeoutFirstToken() {
        byte[] body = OPENAI_ROLE.getBytes(StandardCharsets.UTF_8);
        RequestRecord r = runWithShortTimeouts(ApiKind.OPENAI, Reply.of(200, SSE, body).stopAfter(body.length, Ending.STALL));
        assertError(r, ErrorClass.TIMEOUT_FIRST_TOKEN, null, "no content");
        assertTrue(r.headersNanos() != null, "headers did arrive");
        assertNull(r.firstContentNanos(), "a role-only delta is not a token");
    }

    @Test
    void silenceAfterContentIsTimeoutIdle() {
        byte[] body = (OPENAI_ROLE + OPENAI_HI).getBytes(StandardCharsets.UTF_8);
        RequestRecord r = runWithShortTimeouts(ApiKind.OPENAI, Reply.of(200, SSE, body).stopAfter(body.length, Ending.STALL));
        assertError(r, ErrorClass.TIMEOUT_IDLE, null, "silent");
        assertEquals("Hi", r.text());
        assertEquals(1, r.chunkArrivalNanos().length);
        assertEquals(1, r.outputTokens());
        assertEquals(TokenCountSource.CHUNKS, r.outputTokenSource());
    }

    @Test
    void openAiBadRequestIsHttpStatusWithTheServersMessage() {
        String body = "{\"error\":{\"message\":\"Invalid 'messages[3]'. Audio is not supported.\",\"type\":\"invalid_request_error\",\"param\":\"messages[3]\",\"code\":\"invalid_value\"}}";
        assertError(run(ApiKind.OPENAI, Reply.of(400, JSON, body)), ErrorClass.HTTP_STATUS, 400,
                "invalid_value: Invalid 'messages[3]'. Audio is not supported.");
    }

    @Test
    void vllmFlatErrorBodyIsHttpStatusWithTheServersMessage() {
        String body = "{\"object\":\"error\",\"message\":\"This model's maximum context length is 32768 tokens.\",\"type\":\"BadRequestError\",\"param\":null,\"code\":400}";
        assertError(run(ApiKind.OPENAI, Reply.of(400, JSON, body)), ErrorClass.HTTP_STATUS, 400,
                "BadRequestError: This model's maximum context length is 32768 tokens.");
    }

    @Test
    void ollamaMissingModelIsHttpStatusWithTheServersMessage() {
        String body = "{\"error\":\"model \\\"llama9\\\" not found, try pulling it first\"}";
        assertError(run(ApiKind.OLLAMA, Reply.of(404, JSON, body).framing(Framing.CONTENT_LENGTH)), ErrorClass.HTTP_STATUS, 404,
                "HTTP 404 model \"llama9\" not found, try pulling it first");
    }

    @Test
    void tooManyRequestsIsRateLimitedWithRetryAfterSeconds() {
        String body = "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Number of request tokens has exceeded your per-minute rate limit\"},\"request_id\":\"req_1\"}";
        RequestRecord r = run(ApiKind.ANTHROPIC, Reply.of(429, JSON, body).header("retry-after", "7"));
        assertError(r, ErrorClass.RATE_LIMITED, 429, "rate_limit_error: Number of request tokens");
        assertEquals(7_000L, r.error().retryAfterMs());
    }

    @Test
    void retryAfterMsWinsOverRetryAfter() {
        String body = "{\"error\":{\"message\":\"Rate limit reached for gpt-4o-mini. Please try again in 84ms.\",\"type\":\"tokens\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}";
        RequestRecord r = run(ApiKind.OPENAI, Reply.of(429, JSON, body).header("retry-after-ms", "84").header("retry-after", "1"));
        assertError(r, ErrorClass.RATE_LIMITED, 429, "rate_limit_exceeded: Rate limit reached");
        assertEquals(84L, r.error().retryAfterMs());
    }

    @Test
    void anthropic529IsOverloaded() {
        String body = "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"},\"request_id\":\"req_2\"}";
        assertError(run(ApiKind.ANTHROPIC, Reply.of(529, JSON, body)), ErrorClass.OVERLOADED, 529, "overloaded_error: Overloaded");
    }

    @Test
    void ollamaQueueFull503IsOverloaded() {
        String body = "{\"error\":\"server busy, please try again.  maximum pending requests exceeded\"}";
        assertError(run(ApiKind.OLLAMA, Reply.of(503, JSON, body)), ErrorClass.OVERLOADED, 503,
                "server busy, please try again.  maximum pending requests exceeded");
    }

    @Test
    void openAiErrorInsideStreamIsStreamError() {
        String body = OPENAI_ROLE + OPENAI_HI
                + "data: {\"error\":{\"message\":\"The server had an error while processing your request.\",\"type\":\"server_error\",\"param\":null,\"code\":null}}\n\n"
                + "data: [DONE]\n\n";
        RequestRecord r = run(ApiKind.OPENAI, Reply.of(200, SSE, body));
        assertError(r, ErrorClass.STREAM_ERROR, null, "server_error: The server had an error");
        assertEquals("Hi", r.text(), "content before the error is kept");
    }

    @Test
    void anthropicErrorEventIsClassedByItsType() {
        String body = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}\n\n"
                + "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n";
        RequestRecord r = run(ApiKind.ANTHROPIC, Reply.of(200, SSE, body));
        assertError(r, ErrorClass.OVERLOADED, null, "error in stream: overloaded_error: Overloaded");
        assertEquals(5, r.inputTokens());

        String apiError = "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Internal server error\"}}\n\n";
        assertError(run(ApiKind.ANTHROPIC, Reply.of(200, SSE, apiError)), ErrorClass.STREAM_ERROR, null, "api_error: Internal server error");
    }

    @Test
    void ollamaErrorLineInsideStreamIsStreamError() {
        String body = "{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"done\":false}\n"
                + "{\"error\":\"an error was encountered while running the model\"}\n";
        assertError(run(ApiKind.OLLAMA, Reply.of(200, NDJSON, body)), ErrorClass.STREAM_ERROR, null,
                "an error was encountered while running the model");
    }

    @Test
    void invalidJsonFrameIsMalformedStream() {
        String body = OPENAI_ROLE + "data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"\n\n";
        assertError(run(ApiKind.OPENAI, Reply.of(200, SSE, body)), ErrorClass.MALFORMED_STREAM, null, "not valid JSON");
    }

    @Test
    void cleanEndWithoutDoneMarkerIsDisconnect() {
        // Ollama /v1 after a late error: an empty delta, no finish chunk, no [DONE], body ends normally
        String body = OPENAI_ROLE + OPENAI_HI + "data: {\"choices\":[{\"index\":0,\"delta\":{}}]}\n\n";
        assertError(run(ApiKind.OPENAI, Reply.of(200, SSE, body)), ErrorClass.DISCONNECT, null, "without data: [DONE]");
    }

    @Test
    void chunkedBodyCutOffMidStreamIsDisconnect() {
        byte[] body = (OPENAI_ROLE + OPENAI_HI + OPENAI_HI + "data: [DONE]\n\n").getBytes(StandardCharsets.UTF_8);
        RequestRecord r = run(ApiKind.OPENAI, Reply.of(200, SSE, body).stopAfter(OPENAI_ROLE.length() + OPENAI_HI.length() + 10, Ending.CLOSE_ABRUPTLY));
        assertError(r, ErrorClass.DISCONNECT, null, "connection lost mid-stream");
        assertEquals("Hi", r.text());
    }

    @Test
    void ollamaStreamWithoutDoneLineIsDisconnect() {
        String body = "{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"done\":false}\n";
        assertError(run(ApiKind.OLLAMA, Reply.of(200, NDJSON, body).framing(Framing.CLOSE_DELIMITED)),
                ErrorClass.DISCONNECT, null, "without a \"done\":true line");
    }

    @Test
    void anthropicStreamWithoutMessageStopIsDisconnect() {
        String body = "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}\n\n";
        assertError(run(ApiKind.ANTHROPIC, Reply.of(200, SSE, body)), ErrorClass.DISCONNECT, null, "without event: message_stop");
    }

    @Test
    void interruptedCallerIsCancelled() throws Exception {
        byte[] body = OPENAI_ROLE.getBytes(StandardCharsets.UTF_8);
        ClientOptions patient = new ClientOptions(Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(30));
        try (ReplayServer s = ReplayServer.start(Reply.of(200, SSE, body).stopAfter(body.length, Ending.STALL))) {
            RunClock clock = RunClock.startingNow();
            Target t = new Target("t", ApiKind.OPENAI, ServerFlavor.GENERIC, s.uri(), "m", null);
            AtomicReference<RequestRecord> out = new AtomicReference<>();
            AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
            try (StreamingClient c = StreamingClients.create(t, patient, clock, ApiKey.none())) {
                Thread worker = Thread.ofVirtual().start(() -> {
                    out.set(c.execute(GenerationRequest.chat("r1", "hello", 16), clock.nanos()));
                    stillInterrupted.set(Thread.currentThread().isInterrupted());
                });
                while (s.requests().isEmpty()) Thread.sleep(5);
                worker.interrupt();
                worker.join(Duration.ofSeconds(10));
            }
            assertError(out.get(), ErrorClass.CANCELLED, null, "interrupted");
            assertTrue(stillInterrupted.get(), "the interrupt is passed on to the caller");
        }
    }

    @Test
    void apiKeyIsRedactedFromServerMessages() {
        String secret = "sk-ant-test-9f8e7d6c5b4a";
        String body = "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key " + secret + "\"}}";
        try (ReplayServer s = ReplayServer.start(Reply.of(401, JSON, body))) {
            RequestRecord r = run(ApiKind.ANTHROPIC, ServerFlavor.ANTHROPIC, s.uri(), ApiKey.of(secret));
            assertError(r, ErrorClass.HTTP_STATUS, 401, "authentication_error: invalid x-api-key [REDACTED]");
            assertFalse(r.error().message().contains("9f8e7d6c5b4a"));
            assertEquals(secret, s.requests().getFirst().headers().get("x-api-key"), "the key did go to the server");
        }
    }
}
