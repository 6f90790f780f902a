package io.hybench.bench.client.http;

import java.util.function.Consumer;

/**
 * A protocol's reading of a 2xx response body, in two halves: a {@link BoundaryFramer} that cuts bytes
 * at frame boundaries (SSE events, NDJSON lines) on the I/O thread, where each frame gets its arrival stamp,
 * and {@link #onFrame}, which decodes a frame and reads its JSON on the request's own thread and writes what it finds
 * into the request's {@link io.hybench.bench.client.RecordBuilder} (content, usage, finish reason,
 * in-stream errors, end marker).
 */
public interface StreamParser {
    /** A fresh decoder for this protocol's framing that hands every frame to {@code sink}. */
    BoundaryFramer newDecoder(Consumer<RawFrame> sink);

    /** Reads one frame. @throws MalformedStreamException on protocol violations */
    void onFrame(RawFrame frame);

    /**
     * Whether {@code frame} may be the last one that matters (end marker, in-stream error): a cheap test
     * on the I/O thread that wakes the request's thread at once instead of at the next batch. A false
     * positive only costs a wake-up; a miss only delays the reading until the body ends.
     */
    boolean mayEnd(RawFrame frame);

    /** Bytes delivered at {@code arrivalNanos}, framed and read at once (the whole path on one thread). */
    void accept(byte[] bytes, long arrivalNanos);

    /** The body ended; flush a last unterminated frame. @throws MalformedStreamException on protocol violations */
    void endOfStream(long arrivalNanos);

    /** True once the end marker or an in-stream error was seen: nothing after it matters. */
    boolean done();

    /** The end marker's name for messages, e.g. {@code data: [DONE]}. */
    String endMarker();
}
