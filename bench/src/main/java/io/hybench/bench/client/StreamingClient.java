package io.hybench.bench.client;

import java.util.function.Consumer;

/**
 * Streams one generation request and measures it. Implementations are thread-safe and meant to be
 * called from many virtual threads at once; they never throw for server or network failures, which
 * come back as a record with an {@link RequestError} (they do throw IllegalArgumentException for a
 * request the protocol cannot express). One implementation per {@link ApiKind}, made by
 * {@link StreamingClients#create}: {@code ollama.OllamaClient}, {@code openai.OpenAiClient},
 * {@code anthropic.AnthropicClient}.
 *
 * <p>Not {@code sealed}: on the class path (the unnamed module) a sealed interface may only permit
 * classes of its own package (JLS 9.1.1.4), and each protocol has its own package. The factory's
 * exhaustive switch over {@link ApiKind} is what keeps the set closed.
 */
public interface StreamingClient extends AutoCloseable {

    /**
     * Sends {@code request} now, on the calling thread, and returns without waiting for the answer: an open
     * loop's scheduler sends on time itself and leaves the waiting to a request thread, so a request's send
     * does not queue behind other requests' work for a virtual-thread carrier (its send lag, docs/metrics.md).
     * The default sends only when awaited.
     *
     * @param intendedSendNanos the run-relative time the schedule meant to send it (latency origin)
     */
    default Sent send(GenerationRequest request, long intendedSendNanos) {
        return () -> execute(request, intendedSendNanos);
    }

    /** A request on its way. */
    @FunctionalInterface
    interface Sent {
        /** Blocks until the stream ends; its record. */
        RequestRecord await();
    }

    /**
     * Sends {@code request} now and blocks until the stream ends.
     *
     * @param intendedSendNanos the run-relative time the schedule meant to send it (latency origin)
     */
    RequestRecord execute(GenerationRequest request, long intendedSendNanos);

    /**
     * As {@link #execute(GenerationRequest, long)}, handing each part of the response text to
     * {@code onText} (null: none) as the client parses it (on the request's thread, after its arrival was
     * stamped); a relay (hybench route) streams an answer on with it. An implementation without live
     * parts hands the whole text over at the end.
     */
    default RequestRecord execute(GenerationRequest request, long intendedSendNanos, Consumer<String> onText) {
        RequestRecord r = execute(request, intendedSendNanos);
        if (onText != null && !r.reply().text().isEmpty()) onText.accept(r.reply().text());
        return r;
    }

    @Override
    void close();
}
