package io.hybench.emulator;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HTTP/1.1 framing on a raw socket: keep-alive, pipelined requests in order, chunked streams, Content-Length bodies, close. */
class HttpConnectionTest {
    private static final String MODEL = "meta-llama/Llama-3.1-8B-Instruct";

    private static String request(String body, String connection) {
        return "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + (connection == null ? "" : "Connection: " + connection + "\r\n")
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    private static String chat(boolean stream) {
        return "{\"model\":\"" + MODEL + "\",\"stream\":" + stream + ",\"max_tokens\":3,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    }

    /** Reads until the server closes the connection. */
    private static String readAll(Socket s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        s.getInputStream().transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void pipelinedRequestsOnOneConnectionAreAnsweredInOrderThenClosed() throws Exception {
        Emulator e = Emulator.start(TestProfiles.vllm(""), 0, 3);
        try (e; Socket s = new Socket("127.0.0.1", e.port())) {
            s.getOutputStream().write((request(chat(true), null) + request(chat(false), null) + request(chat(false), "close"))
                    .getBytes(StandardCharsets.UTF_8));
            String wire = readAll(s);
            String[] responses = wire.split("(?=HTTP/1\\.1 )");
            assertEquals(3, responses.length, wire);
            String streamed = responses[0];
            assertTrue(streamed.startsWith("HTTP/1.1 200 OK\r\n"), streamed);
            assertTrue(streamed.contains("\r\nTransfer-Encoding: chunked\r\n"), streamed);
            assertTrue(streamed.contains("\r\nContent-Type: text/event-stream"), streamed);
            assertTrue(streamed.contains("\r\nDate: "), streamed);
            assertTrue(streamed.endsWith("data: [DONE]\n\n\r\n0\r\n\r\n"), "chunked terminator after the last event: " + streamed);
            for (int i = 1; i < 3; i++) {
                String whole = responses[i];
                int bodyStart = whole.indexOf("\r\n\r\n") + 4;
                String length = whole.lines().filter(l -> l.startsWith("Content-Length: ")).findFirst().orElseThrow();
                assertEquals(Integer.parseInt(length.substring(16)), whole.substring(bodyStart).getBytes(StandardCharsets.UTF_8).length, whole);
                assertTrue(whole.substring(bodyStart).startsWith("{\"id\":"), whole);
            }
        }
        // Read once the emulator has closed: it logs a write after flushing it, so the client may hold the bytes first.
        assertEquals(3, e.truth().records().stream().map(r -> r.request()).distinct().count());
    }

    @Test
    void unknownRouteAndWrongMethodKeepTheConnection() throws Exception {
        try (Emulator e = Emulator.start(TestProfiles.vllm(""), 0, 3); Socket s = new Socket("127.0.0.1", e.port())) {
            s.getOutputStream().write(("GET /nope HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /v1/chat/completions HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            String wire = readAll(s);
            assertTrue(wire.startsWith("HTTP/1.1 404 Not Found\r\n"), wire);
            assertTrue(wire.contains("404 page not found"), wire);
            assertTrue(wire.contains("HTTP/1.1 405 Method Not Allowed\r\n"), wire);
            assertTrue(wire.contains("vllm:num_requests_running{"), wire);
        }
    }

    @Test
    void anInjectedDisconnectEndsTheStreamWithoutItsTerminator() throws Exception {
        Emulator e = Emulator.start(TestProfiles.vllm("faults:\n  disconnect_rate: 1\n"), 0, 7);
        try (e; Socket s = new Socket("127.0.0.1", e.port())) {
            s.getOutputStream().write(request(chat(true), null).getBytes(StandardCharsets.UTF_8));
            String wire = readAll(s);
            assertTrue(wire.startsWith("HTTP/1.1 200 OK\r\n"), wire);
            assertFalse(wire.endsWith("0\r\n\r\n"), "no terminating chunk: " + wire);
        }
        assertTrue(e.truth().records().stream().anyMatch(r -> "disconnect".equals(r.kind())), "read once closed: every write logged");
    }
}
