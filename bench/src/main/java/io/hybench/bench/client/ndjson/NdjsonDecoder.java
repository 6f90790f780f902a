package io.hybench.bench.client.ndjson;

import io.hybench.bench.client.ByteLineBuffer;
import io.hybench.bench.client.http.FrameDecoder;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Incremental, byte-level NDJSON line splitter (Ollama's native stream). Lines end at {@code \n}
 * (a preceding {@code \r} is dropped), may be of any length, are decoded as UTF-8 only when complete,
 * and blank lines are skipped. The final line may lack its {@code \n}: {@link #finish} emits it.
 * Not thread-safe; one decoder per stream.
 */
public final class NdjsonDecoder implements FrameDecoder {
    private final Listener listener;
    private final ByteLineBuffer line = new ByteLineBuffer();

    /** Receives each non-blank line. */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param line   holds the line without its terminator (UTF-8), in the bytes being fed or the decoder's own
         *               buffer: valid only during this call
         * @param offset where in {@code line} the line's bytes start
         * @param length how many bytes are the line's
         */
        void line(byte[] line, int offset, int length, long arrivalNanos);
    }

    /** Hands every line to {@code listener} as bytes, decoded by nobody unless the listener does. */
    public NdjsonDecoder(Listener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Hands every line to {@code sink} as an {@link NdjsonLine}, decoded. */
    public NdjsonDecoder(Consumer<NdjsonLine> sink) {
        this(decoding(Objects.requireNonNull(sink, "sink")));
    }

    private static Listener decoding(Consumer<NdjsonLine> sink) {
        return (line, offset, length, arrivalNanos) -> sink.accept(new NdjsonLine(new String(line, offset, length, StandardCharsets.UTF_8), arrivalNanos));
    }

    /**
     * Feeds bytes delivered at {@code arrivalNanos}; emits every line they complete. A line that ends within the
     * bytes is read where it lies; only one cut by the end of a read waits in the line buffer.
     */
    @Override
    public void feed(byte[] bytes, int offset, int count, long arrivalNanos) {
        int end = offset + count;
        int i = offset;
        while (i < end) {
            int lineEnd = i;
            while (lineEnd < end && bytes[lineEnd] != '\n') lineEnd++;
            if (lineEnd == end) break;
            if (line.isEmpty()) {
                emit(bytes, i, lineEnd, arrivalNanos);
            } else {
                line.append(bytes, i, lineEnd - i);
                emit(line.array(), 0, line.length(), arrivalNanos);
                line.clear();
            }
            i = lineEnd + 1;
        }
        line.append(bytes, i, end - i);
    }

    /** End of stream: emits a last line that had no terminating {@code \n}. */
    @Override
    public void finish(long arrivalNanos) {
        if (!line.isEmpty()) emit(line.array(), 0, line.length(), arrivalNanos);
        line.clear();
    }

    /** Emits the line {@code b[from, to)} unless it is blank. */
    private void emit(byte[] b, int from, int to, long arrivalNanos) {
        if (to > from && b[to - 1] == '\r') to--; // a CRLF line end
        if (isBlank(b, from, to)) return;
        listener.line(b, from, to - from, arrivalNanos);
    }

    /** {@link String#isBlank} of the decoded line, decoding only a line of nothing but whitespace and non-ASCII bytes. */
    private static boolean isBlank(byte[] b, int from, int to) {
        boolean nonAscii = false;
        for (int i = from; i < to; i++) {
            if (b[i] < 0) nonAscii = true;
            else if (!Character.isWhitespace(b[i])) return false;
        }
        return !nonAscii || new String(b, from, to - from, StandardCharsets.UTF_8).isBlank();
    }
}
