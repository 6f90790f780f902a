package io.hybench.bench.client.sse;

import io.hybench.bench.client.http.Frame;

import java.util.Objects;

/**
 * One dispatched server-sent event.
 *
 * @param event        the {@code event:} field, or {@code "message"} when none was given (WHATWG default)
 * @param data         all {@code data:} lines joined with {@code \n}
 * @param lastEventId  the last {@code id:} seen on the stream so far (persists across events), "" if none
 * @param arrivalNanos when the bytes that completed this event (its blank line, or end of stream) were
 *                     delivered to the decoder
 */
public record SseEvent(String event, String data, String lastEventId, long arrivalNanos) implements Frame {
    public SseEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(lastEventId, "lastEventId");
    }
}
