package io.hybench.bench.client.http;

/**
 * A protocol's reading of a 2xx response body: frames the bytes (SSE or NDJSON), interprets each
 * frame, and writes what it finds into the request's {@link io.hybench.bench.client.RecordBuilder}
 * (content, usage, finish reason, in-stream errors, end marker).
 */
public interface StreamParser {
    /** Bytes delivered at {@code arrivalNanos}. @throws MalformedStreamException on protocol violations */
    void accept(byte[] bytes, long arrivalNanos);

    /** The body ended; flush a last unterminated frame. @throws MalformedStreamException on protocol violations */
    void endOfStream(long arrivalNanos);

    /** True once the end marker or an in-stream error was seen: nothing after it matters. */
    boolean done();

    /** The end marker's name for messages, e.g. {@code data: [DONE]}. */
    String endMarker();
}
