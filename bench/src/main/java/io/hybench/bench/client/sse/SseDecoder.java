package io.hybench.bench.client.sse;

import io.hybench.bench.client.ByteLineBuffer;
import io.hybench.bench.client.http.FrameDecoder;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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

    private final Listener listener;
    private final ByteLineBuffer line = new ByteLineBuffer();
    private static final byte[] DATA = {'d', 'a', 't', 'a'};
    private static final byte[] EVENT = {'e', 'v', 'e', 'n', 't'};
    private static final byte[] ID = {'i', 'd'};
    private static final byte[] RETRY = {'r', 'e', 't', 'r', 'y'};
    private static final byte[] NEWLINE = {'\n'};

    private final ByteLineBuffer data = new ByteLineBuffer(); // the event's data lines' bytes, each ended by \n
    private boolean dataSeen;
    private String eventType = "";
    private byte[] lastTypeBytes = {}; // the last event type read, kept to reuse its String: servers repeat a few
    private String lastType = "";
    private String lastEventId = "";
    private long retryMillis = -1;
    private boolean previousWasCr;
    private int bomBytesChecked;

    /** Receives each dispatched event. */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param event       as {@link SseEvent#event}
         * @param data        the event's {@code data:} lines joined with {@code \n} (UTF-8), in the decoder's own
         *                    buffer: valid only during this call
         * @param dataLength  how many bytes of {@code data} are the event's
         * @param lastEventId as {@link SseEvent#lastEventId}
         */
        void event(String event, byte[] data, int dataLength, String lastEventId, long arrivalNanos);
    }

    /** Hands every event to {@code listener} with its data as bytes, decoded by nobody unless the listener does. */
    public SseDecoder(Listener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Hands every event to {@code sink} as an {@link SseEvent}, its data decoded. */
    public SseDecoder(Consumer<SseEvent> sink) {
        this(decoding(Objects.requireNonNull(sink, "sink")));
    }

    private static Listener decoding(Consumer<SseEvent> sink) {
        return (event, data, dataLength, lastEventId, arrivalNanos) ->
                sink.accept(new SseEvent(event, new String(data, 0, dataLength, StandardCharsets.UTF_8), lastEventId, arrivalNanos));
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
                processLine(arrivalNanos);
                previousWasCr = b == CR;
                lineStart = i + 1;
            }
        }
        line.append(bytes, lineStart, end - lineStart);
    }

    /** End of stream: completes an unterminated last line and dispatches a pending event (see class doc). */
    @Override
    public void finish(long arrivalNanos) {
        if (!line.isEmpty()) processLine(arrivalNanos);
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

    /**
     * Reads the completed line in {@link #line} as bytes: field names and the colon are ASCII, which never occurs
     * inside a multi-byte UTF-8 character, so only values are decoded, and a {@code data} value not even then:
     * its bytes join the event's until it is dispatched, decoded once.
     */
    private void processLine(long arrivalNanos) {
        byte[] b = line.array();
        int n = line.length();
        line.clear();
        if (n == 0) {
            dispatch(arrivalNanos);
            return;
        }
        if (b[0] == ':') return; // comment / keep-alive
        int colon = 0;
        while (colon < n && b[colon] != ':') colon++;
        int valueStart = Math.min(colon + 1, n);
        if (valueStart < n && b[valueStart] == ' ') valueStart++;
        if (is(b, colon, DATA)) {
            data.append(b, valueStart, n - valueStart);
            data.append(NEWLINE, 0, 1);
            dataSeen = true;
        } else if (is(b, colon, EVENT)) {
            if (!Arrays.equals(b, valueStart, n, lastTypeBytes, 0, lastTypeBytes.length)) {
                lastTypeBytes = Arrays.copyOfRange(b, valueStart, n);
                lastType = utf8(b, valueStart, n);
            }
            eventType = lastType;
        } else if (is(b, colon, ID)) {
            String value = utf8(b, valueStart, n);
            if (value.indexOf('\0') < 0) lastEventId = value;
        } else if (is(b, colon, RETRY)) {
            String value = utf8(b, valueStart, n);
            if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                try {
                    retryMillis = Long.parseLong(value);
                } catch (NumberFormatException tooLarge) {
                    // The spec ignores a retry value it cannot represent.
                }
            }
        }
        // Unknown fields are ignored by the spec.
    }

    /** Whether the line's field name (its first {@code length} bytes) is {@code name}. */
    private static boolean is(byte[] line, int length, byte[] name) {
        return Arrays.equals(line, 0, length, name, 0, name.length);
    }

    private static String utf8(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }

    private void dispatch(long arrivalNanos) {
        if (!dataSeen) {
            eventType = "";
            return;
        }
        String type = eventType.isEmpty() ? "message" : eventType;
        int length = data.length() - 1; // the spec drops the final \n that every data line appended
        data.clear(); // before the call: a listener that throws leaves no event half dispatched
        dataSeen = false;
        eventType = "";
        listener.event(type, data.array(), length, lastEventId, arrivalNanos);
    }
}
