package io.hybench.bench.client.http;

/**
 * One framed unit of a response body (an SSE event, an NDJSON line), cut out of the bytes on the I/O
 * thread and stamped there; its content is read later, off the timing path. Not sealed: its kinds live
 * in their protocols' packages (see {@link io.hybench.bench.client.StreamingClient} for why).
 */
public interface Frame {
    /** When the bytes that completed this frame were read from the socket (run clock). */
    long arrivalNanos();
}
