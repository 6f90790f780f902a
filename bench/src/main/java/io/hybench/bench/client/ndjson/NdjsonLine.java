package io.hybench.bench.client.ndjson;

import io.hybench.bench.client.http.Frame;

import java.util.Objects;

/**
 * One non-blank line of a newline-delimited JSON stream, not yet parsed.
 *
 * @param text         the line without its terminator
 * @param arrivalNanos when the bytes completing the line (its {@code \n}, or end of stream) were delivered
 */
public record NdjsonLine(String text, long arrivalNanos) implements Frame {
    public NdjsonLine {
        Objects.requireNonNull(text, "text");
    }
}
