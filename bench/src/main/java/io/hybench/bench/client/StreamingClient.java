package io.hybench.bench.client;

/**
 * Streams one generation request and measures it. Implementations are thread-safe and meant to be
 * called from many virtual threads at once; they never throw for server or network failures, which
 * come back as a record with an {@link RequestError}.
 */
public interface StreamingClient extends AutoCloseable {

    /**
     * Sends {@code request} now and blocks until the stream ends.
     *
     * @param intendedSendNanos the run-relative time the schedule meant to send it (latency origin)
     */
    RequestRecord execute(GenerationRequest request, long intendedSendNanos);

    @Override
    void close();
}
