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
    // An event's only data line so far, where it lies (the bytes being fed, or the line buffer): most events have one,
    // read in place without a copy; null when none, or once copied into data (a second line, or the feed ended)
    private byte[] dataLine;
    private int dataLineFrom;
    private int dataLineTo;
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
         * @param data        holds the event's {@code data:} lines joined with {@code \n} (UTF-8), in the decoder's own
         *                    buffer or the bytes being fed: valid only during this call
         * @param offset      where in {@code data} the event's bytes start
         * @param length      how many bytes are the event's
         * @param lastEventId as {@link SseEvent#lastEventId}
         */
        void event(String event, byte[] data, int offset, int length, String lastEventId, long arrivalNanos);
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
        return (event, data, offset, length, lastEventId, arrivalNanos) ->
                sink.accept(new SseEvent(event, new String(data, offset, length, StandardCharsets.UTF_8), lastEventId, arrivalNanos));
    }

    /**
     * Feeds bytes delivered at {@code arrivalNanos}; dispatches every event they complete. A line that ends within the
     * bytes is read where it lies; only one cut by the end of a read waits in the line buffer.
     */
    @Override
    public void feed(byte[] bytes, int offset, int count, long arrivalNanos) {
        int end = offset + count;
        int i = skipBom(bytes, offset, end);
        if (previousWasCr && i < end) { // a CR ended the last read: an LF starting this one ends the same line
            previousWasCr = false;
            if (bytes[i] == LF) i++;
        }
        while (i < end) {
            int lineEnd = i;
            while (lineEnd < end && bytes[lineEnd] != LF && bytes[lineEnd] != CR) lineEnd++;
            if (lineEnd == end) break;
            if (line.isEmpty()) {
                processLine(bytes, i, lineEnd, arrivalNanos);
            } else {
                line.append(bytes, i, lineEnd - i);
                processLine(line.array(), 0, line.length(), arrivalNanos);
                line.clear(); // its bytes stay valid until the next append, at the end of this feed
            }
            if (bytes[lineEnd] == CR) {
                if (lineEnd + 1 == end) previousWasCr = true;
                else if (bytes[lineEnd + 1] == LF) lineEnd++;
            }
            i = lineEnd + 1;
        }
        copyDataLine(); // the fed bytes are the caller's, and the line buffer is appended to next
        line.append(bytes, i, end - i);
    }

    /** End of stream: completes an unterminated last line and dispatches a pending event (see class doc). */
    @Override
    public void finish(long arrivalNanos) {
        if (!line.isEmpty()) processLine(line.array(), 0, line.length(), arrivalNanos);
        line.clear();
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
     * Reads one completed line, {@code b[from, to)}, as bytes: field names and the colon are ASCII, which never occurs
     * inside a multi-byte UTF-8 character, so only values are decoded, and a {@code data} value not even then: its
     * bytes are the event's until it is dispatched, decoded once by whoever reads them.
     */
    private void processLine(byte[] b, int from, int to, long arrivalNanos) {
        if (from == to) {
            dispatch(arrivalNanos);
            return;
        }
        if (b[from] == ':') return; // comment / keep-alive
        int colon = from;
        while (colon < to && b[colon] != ':') colon++;
        int valueStart = Math.min(colon + 1, to);
        if (valueStart < to && b[valueStart] == ' ') valueStart++;
        if (is(b, from, colon, DATA)) {
            if (!dataSeen) {
                dataLine = b;
                dataLineFrom = valueStart;
                dataLineTo = to;
                dataSeen = true;
            } else {
                copyDataLine();
                data.append(b, valueStart, to - valueStart);
                data.append(NEWLINE, 0, 1);
            }
        } else if (is(b, from, colon, EVENT)) {
            if (!Arrays.equals(b, valueStart, to, lastTypeBytes, 0, lastTypeBytes.length)) {
                lastTypeBytes = Arrays.copyOfRange(b, valueStart, to);
                lastType = utf8(b, valueStart, to);
            }
            eventType = lastType;
        } else if (is(b, from, colon, ID)) {
            String value = utf8(b, valueStart, to);
            if (value.indexOf('\0') < 0) lastEventId = value;
        } else if (is(b, from, colon, RETRY)) {
            String value = utf8(b, valueStart, to);
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

    /** Moves the event's data line read in place into the data buffer, each line there ended by \n. */
    private void copyDataLine() {
        if (dataLine == null) return;
        data.append(dataLine, dataLineFrom, dataLineTo - dataLineFrom);
        data.append(NEWLINE, 0, 1);
        dataLine = null;
    }

    /** Whether the line's field name, {@code line[from, to)}, is {@code name}. */
    private static boolean is(byte[] line, int from, int to, byte[] name) {
        return Arrays.equals(line, from, to, name, 0, name.length);
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
        byte[] bytes;
        int offset;
        int length;
        if (dataLine != null) {
            bytes = dataLine;
            offset = dataLineFrom;
            length = dataLineTo - dataLineFrom;
            dataLine = null;
        } else {
            bytes = data.array();
            offset = 0;
            length = data.length() - 1; // the spec drops the final \n that every data line appended
        }
        data.clear(); // before the call: a listener that throws leaves no event half dispatched
        dataSeen = false;
        eventType = "";
        listener.event(type, bytes, offset, length, lastEventId, arrivalNanos);
    }
}
