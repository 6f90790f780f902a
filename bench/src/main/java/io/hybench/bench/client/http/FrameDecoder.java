package io.hybench.bench.client.http;

/** Splits a body into frames (SSE events, NDJSON lines) as bytes arrive, stamping each frame's arrival. */
public interface FrameDecoder {
    /** Bytes delivered at {@code arrivalNanos}; complete frames are dispatched at once. */
    void feed(byte[] bytes, int offset, int count, long arrivalNanos);

    /** The body ended: dispatch a last unterminated frame. */
    void finish(long arrivalNanos);
}
