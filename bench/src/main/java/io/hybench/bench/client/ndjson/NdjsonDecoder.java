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
    private final Consumer<NdjsonLine> sink;
    private final ByteLineBuffer line = new ByteLineBuffer();

    public NdjsonDecoder(Consumer<NdjsonLine> sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
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
        if (n > 0 && line.array()[n - 1] == '\r') n--; // a CRLF line end
        String text = new String(line.array(), 0, n, StandardCharsets.UTF_8);
        line.clear();
        if (text.isBlank()) return;
        sink.accept(new NdjsonLine(text, arrivalNanos));
    }
}
