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
         * @param line   the line without its terminator (UTF-8), in the decoder's own buffer: valid only during this call
         * @param length how many bytes of {@code line} are the line's
         */
        void line(byte[] line, int length, long arrivalNanos);
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
        return (line, length, arrivalNanos) -> sink.accept(new NdjsonLine(new String(line, 0, length, StandardCharsets.UTF_8), arrivalNanos));
    }

    /** Feeds bytes delivered at {@code arrivalNanos}; emits every line they complete. */
    @Override
    public void feed(byte[] bytes, int offset, int count, long arrivalNanos) {
        int lineStart = offset;
        int end = offset + count;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                line.append(bytes, lineStart, i - lineStart);
                emit(arrivalNanos);
                lineStart = i + 1;
            }
        }
        line.append(bytes, lineStart, end - lineStart);
    }

    /** End of stream: emits a last line that had no terminating {@code \n}. */
    @Override
    public void finish(long arrivalNanos) {
        if (!line.isEmpty()) emit(arrivalNanos);
    }

    private void emit(long arrivalNanos) {
        int n = line.length();
        byte[] b = line.array();
        if (n > 0 && b[n - 1] == '\r') n--; // a CRLF line end
        line.clear();
        if (isBlank(b, n)) return;
        listener.line(b, n, arrivalNanos);
    }

    /** {@link String#isBlank} of the decoded line, decoding only a line of nothing but whitespace and non-ASCII bytes. */
    private static boolean isBlank(byte[] b, int n) {
        boolean nonAscii = false;
        for (int i = 0; i < n; i++) {
            if (b[i] < 0) nonAscii = true;
            else if (!Character.isWhitespace(b[i])) return false;
        }
        return !nonAscii || new String(b, 0, n, StandardCharsets.UTF_8).isBlank();
    }
}
