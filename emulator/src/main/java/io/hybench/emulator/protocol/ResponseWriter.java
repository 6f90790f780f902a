package io.hybench.emulator.protocol;

import io.hybench.emulator.truth.TruthLog;
import io.hybench.emulator.truth.TruthRecord;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Map;

/**
 * Writes one response at scheduled times on its connection's event loop. Writes are queued in order,
 * each with its absolute due time (no accumulated relative delays); a write is never sent before the
 * one queued ahead of it. {@link #send()} sends every due write with one flush (so Ollama's headers
 * leave with its first chunk, as Go's server sends them), and the truth records each write with the
 * time read right after that flush; the event loop's {@link DueTimer} wakes the queue for a head not yet due.
 */
final class ResponseWriter {
    /** The id hybench's clients send with every request (bench's {@code HttpTransport.REQUEST_ID_HEADER}). */
    static final String CLIENT_REQUEST_HEADER = "x-hybench-request-id";

    /** A queued write; {@code kind} null for writes the truth does not list (the stream's terminator). */
    private record Timed(long atNanos, Runnable write, String kind, int token, String fault, boolean cut, Runnable after) {
    }

    private final Exchange exchange;
    private final DueTimer timer;
    private final long originNanoTime;
    private final TruthLog truth;
    private final long request;
    private final String endpoint;
    private final String clientRequest;
    private final ArrayDeque<Timed> queue = new ArrayDeque<>();
    private final Timed[] batch = new Timed[64];
    private boolean timerSet;
    private boolean headersSent;
    private int seq;

    ResponseWriter(Exchange exchange, DueTimer timer, long originNanoTime, TruthLog truth, long request, String endpoint) {
        this.exchange = exchange;
        this.timer = timer;
        this.originNanoTime = originNanoTime;
        this.truth = truth;
        this.request = request;
        this.endpoint = endpoint;
        this.clientRequest = exchange.headers().get(CLIENT_REQUEST_HEADER);
    }

    /** The client's request id (header {@code x-hybench-request-id}), null when it sent none. */
    String clientRequest() {
        return clientRequest;
    }

    long now() {
        return System.nanoTime() - originNanoTime;
    }

    boolean headersSent() {
        return headersSent;
    }

    /** 200 headers of a (chunked) stream at {@code atNanos}; they leave alone, or with a chunk due as soon. */
    void streamHeaders(String contentType, long atNanos, String fault) {
        headersSent = true;
        enqueue(new Timed(atNanos, () -> exchange.streamHeaders(contentType), "headers", -1, fault, false, null));
    }

    void chunk(Chunk c, int token, long atNanos, String fault) {
        enqueue(new Timed(atNanos, () -> exchange.chunk(c.bytes()), c.kind(), token, fault, false, null));
    }

    /** A complete response with Content-Length at {@code atNanos}. */
    void whole(int status, String contentType, Map<String, String> headers, String text, String kind,
               long atNanos, String fault) {
        headersSent = true;
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        enqueue(new Timed(atNanos, () -> exchange.whole(status, contentType, headers, bytes), kind, -1, fault, false, null));
    }

    /** Cuts the connection at {@code atNanos} (fault injection); nothing queued after it is written. */
    void disconnect(int token, long atNanos) {
        enqueue(new Timed(atNanos, exchange::cut, "disconnect", token, "disconnect", true, null));
    }

    /** Ends the response right after the write queued before; {@code after} runs once it has left. */
    void end(Runnable after) {
        long at = queue.isEmpty() ? now() : queue.peekLast().atNanos();
        enqueue(new Timed(at, exchange::end, null, -1, null, false, () -> {
            after.run();
            exchange.complete();
        }));
    }

    private void enqueue(Timed t) {
        queue.add(t);
    }

    /** Sends what is queued as it falls due: the due writes now, in one flush, the rest on a timer. */
    void send() {
        if (!timerSet) pump();
    }

    /** The head's time has come ({@link DueTimer}). */
    void due() {
        timerSet = false;
        pump();
    }

    private void pump() {
        while (!queue.isEmpty()) {
            if (!exchange.open()) {
                queue.clear();
                return;
            }
            long now = now();
            int n = 0;
            Timed t;
            while (n < batch.length && (t = queue.peek()) != null && t.atNanos() <= now) {
                queue.poll();
                if (t.cut()) {
                    sent(n);
                    record(t, now());
                    t.write().run();
                    queue.clear();
                    return;
                }
                t.write().run();
                batch[n++] = t;
            }
            if (n == 0) {
                timerSet = true;
                timer.wake(this, queue.peek().atNanos());
                return;
            }
            sent(n);
        }
    }

    /** Flushes the batch's writes and logs them with the time the flush returned. */
    private void sent(int n) {
        if (n == 0) return;
        exchange.flush();
        long written = now();
        for (int i = 0; i < n; i++) {
            record(batch[i], written);
            if (batch[i].after() != null) batch[i].after().run();
            batch[i] = null;
        }
    }

    private void record(Timed t, long writtenNanos) {
        if (t.kind() == null) return;
        truth.record(new TruthRecord(request, endpoint, seq++, t.kind(), t.token(), t.atNanos(), writtenNanos, t.fault(), clientRequest));
    }
}
