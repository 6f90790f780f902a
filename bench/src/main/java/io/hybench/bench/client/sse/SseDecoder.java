package io.hybench.bench.client.sse;

import io.hybench.bench.client.ByteLineBuffer;
import io.hybench.bench.client.http.FrameDecoder;

import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Incremental, byte-level {@code text/event-stream} decoder following the WHATWG HTML "event stream
 * interpretation": lines end in CR, LF or CRLF (a CR ending one read and the LF starting the next are
 * one line end), a blank line dispatches, {@code data:} lines join with {@code \n}, one space after
 * the colon is stripped, lines starting with {@code :} are comments (keep-alives), {@code event},
 * {@code id} and {@code retry} are honoured, unknown fields ignored, a leading UTF-8 BOM is skipped.
 *
 * <p>One deliberate deviation: at end of stream a pending event is dispatched instead of discarded,
 * as openai-python and anthropic-sdk-python do, because real servers (and recorded fixtures) end the
 * last event without its blank line. {@code [DONE]} is passed through as plain data: interpreting it
 * is the protocol's job. Not thread-safe; one decoder per stream.
 */
public final class SseDecoder implements FrameDecoder {
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final Consumer<SseEvent> sink;
    private final ByteLineBuffer line = new ByteLineBuffer();
    private final StringBuilder data = new StringBuilder();
    private boolean dataSeen;
    private String eventType = "";
    private String lastEventId = "";
    private long retryMillis = -1;
    private boolean previousWasCr;
    private int bomBytesChecked;

    public SseDecoder(Consumer<SseEvent> sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** Feeds bytes delivered at {@code arrivalNanos}; dispatches every event they complete. */
    @Override
    public void feed(byte[] bytes, int offset, int count, long arrivalNanos) {
        int i = offset;
        int end = offset + count;
        i = skipBom(bytes, i, end);
        int lineStart = i;
        for (; i < end; i++) {
            byte b = bytes[i];
            if (b == LF && previousWasCr) {
                previousWasCr = false;
                lineStart = i + 1;
                continue;
            }
            previousWasCr = false;
            if (b == CR || b == LF) {
                line.append(bytes, lineStart, i - lineStart);
                processLine(line.takeUtf8(), arrivalNanos);
                previousWasCr = b == CR;
                lineStart = i + 1;
            }
        }
        line.append(bytes, lineStart, end - lineStart);
    }

    /** End of stream: completes an unterminated last line and dispatches a pending event (see class doc). */
    @Override
    public void finish(long arrivalNanos) {
        if (!line.isEmpty()) processLine(line.takeUtf8(), arrivalNanos);
        dispatch(arrivalNanos);
    }

    /** The last {@code retry:} value in milliseconds, if the server sent one. */
    public OptionalLong retryMillis() {
        return retryMillis < 0 ? OptionalLong.empty() : OptionalLong.of(retryMillis);
    }

    private int skipBom(byte[] bytes, int i, int end) {
        // Only a stream's very first bytes may be a BOM; a partial match is buffered as ordinary bytes.
        while (bomBytesChecked < BOM.length && i < end) {
            if (bytes[i] != BOM[bomBytesChecked]) {
                if (bomBytesChecked > 0) line.append(BOM, 0, bomBytesChecked);
                bomBytesChecked = BOM.length;
                return i;
            }
            bomBytesChecked++;
            i++;
        }
        return i;
    }

    private void processLine(String text, long arrivalNanos) {
        if (text.isEmpty()) {
            dispatch(arrivalNanos);
            return;
        }
        if (text.charAt(0) == ':') return; // comment / keep-alive
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) value = value.substring(1);
        switch (field) {
            case "data" -> {
                data.append(value).append('\n');
                dataSeen = true;
            }
            case "event" -> eventType = value;
            case "id" -> {
                if (value.indexOf('\0') < 0) lastEventId = value;
            }
            case "retry" -> {
                if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    try {
                        retryMillis = Long.parseLong(value);
                    } catch (NumberFormatException tooLarge) {
                        // The spec ignores a retry value it cannot represent.
                    }
                }
            }
            default -> {
                // Unknown fields are ignored by the spec.
            }
        }
    }

    private void dispatch(long arrivalNanos) {
        if (!dataSeen) {
            eventType = "";
            return;
        }
        data.setLength(data.length() - 1); // the spec drops the final \n that every data line appended
        String type = eventType.isEmpty() ? "message" : eventType;
        SseEvent event = new SseEvent(type, data.toString(), lastEventId, arrivalNanos);
        data.setLength(0);
        dataSeen = false;
        eventType = "";
        sink.accept(event);
    }
}
