package io.hybench.emulator.protocol;

import com.sun.net.httpserver.HttpExchange;
import io.hybench.emulator.truth.TruthLog;
import io.hybench.emulator.truth.TruthRecord;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes one response at scheduled times: parks until each write's absolute deadline (no accumulated
 * relative sleeps), writes and flushes it as its own HTTP chunk, and records scheduled and written times.
 */
final class ResponseWriter {
    /** The id hybench's clients send with every request (bench's {@code HttpTransport.REQUEST_ID_HEADER}). */
    static final String CLIENT_REQUEST_HEADER = "x-hybench-request-id";

    private final HttpExchange exchange;
    private final long originNanoTime;
    private final TruthLog truth;
    private final long request;
    private final String endpoint;
    private final String clientRequest;
    private OutputStream body;
    private int seq;

    ResponseWriter(HttpExchange exchange, long originNanoTime, TruthLog truth, long request, String endpoint) {
        this.exchange = exchange;
        this.originNanoTime = originNanoTime;
        this.truth = truth;
        this.request = request;
        this.endpoint = endpoint;
        this.clientRequest = exchange.getRequestHeaders().getFirst(CLIENT_REQUEST_HEADER);
    }

    /** The client's request id (header {@code x-hybench-request-id}), null when it sent none. */
    String clientRequest() {
        return clientRequest;
    }

    long now() {
        return System.nanoTime() - originNanoTime;
    }

    /** Parks until emulator time {@code nanos}; the deadline is absolute, so lateness never accumulates. */
    void parkUntil(long nanos) {
        long deadline = originNanoTime + nanos;
        for (long remaining; (remaining = deadline - System.nanoTime()) > 0; ) LockSupport.parkNanos(remaining);
    }

    boolean headersSent() {
        return body != null;
    }

    /**
     * Sends 200 headers for a stream (chunked) at {@code atNanos}. The JDK server leaves them in its
     * buffer until the next flush: {@code alone} flushes them now (the truth says they left now);
     * otherwise they leave in one write with the chunk that follows, as Go's server sends them.
     */
    void streamHeaders(String contentType, long atNanos, String fault, boolean alone) throws IOException {
        parkUntil(atNanos);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(200, 0);
        body = exchange.getResponseBody();
        if (alone) body.flush();
        record("headers", -1, atNanos, fault);
    }

    void chunk(Chunk c, int token, long atNanos, String fault) throws IOException {
        parkUntil(atNanos);
        body.write(c.bytes());
        body.flush();
        record(c.kind(), token, atNanos, fault);
    }

    /** A complete response with Content-Length at {@code atNanos}. */
    void whole(int status, String contentType, Map<String, String> headers, String text, String kind,
               long atNanos, String fault) throws IOException {
        parkUntil(atNanos);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(status, bytes.length);
        body = exchange.getResponseBody();
        body.write(bytes);
        body.flush();
        record(kind, -1, atNanos, fault);
    }

    /** Cuts the connection at {@code atNanos} (fault injection); never returns normally. */
    void disconnect(int token, long atNanos) {
        parkUntil(atNanos);
        record("disconnect", token, atNanos, "disconnect");
        throw new DisconnectFault();
    }

    void end() throws IOException {
        if (body != null) body.close();
        exchange.close();
    }

    private void record(String kind, int token, long scheduledNanos, String fault) {
        truth.record(new TruthRecord(request, endpoint, seq++, kind, token, scheduledNanos, now(), fault, clientRequest));
    }
}
