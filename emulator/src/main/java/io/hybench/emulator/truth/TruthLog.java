package io.hybench.emulator.truth;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hybench.core.mapper.Json;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Collects {@link TruthRecord}s (writes) and {@link AnswerRecord}s (answers to keyed questions) from the
 * HTTP event loops. In memory for tests and in-process use;
 * with a file, a background thread appends them as JSON lines so long runs do not hold them all.
 */
public final class TruthLog implements AutoCloseable {
    private static final long DRAIN_INTERVAL_MILLIS = 200;
    /** A record per line, flushed once per drain. */
    private static final ObjectWriter LINE_WRITER = Json.MAPPER.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

    private final ConcurrentLinkedQueue<TruthEntry> queue = new ConcurrentLinkedQueue<>();
    private final List<TruthEntry> kept;
    private final BufferedWriter writer;
    private final Thread drainer;
    private volatile boolean open = true;

    private TruthLog(List<TruthEntry> kept, BufferedWriter writer) {
        this.kept = kept;
        this.writer = writer;
        this.drainer = writer == null ? null : Thread.ofPlatform().daemon().name("emulator-truth").start(this::drainLoop);
    }

    /** Keeps every record in memory ({@link #records()}). */
    public static TruthLog inMemory() {
        return new TruthLog(new ArrayList<>(), null);
    }

    /** Drops every record (a long-running server nobody scores). */
    public static TruthLog discarding() {
        return new TruthLog(null, null);
    }

    /** Streams records to {@code file} as JSON lines; nothing is kept in memory. */
    public static TruthLog toFile(Path file) {
        try {
            return new TruthLog(null, Files.newBufferedWriter(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write truth file " + file + ": " + e.getMessage(), e);
        }
    }

    public void record(TruthEntry r) {
        if (kept != null || writer != null) queue.add(r);
    }

    /** The writes recorded so far (in-memory logs only). */
    public List<TruthRecord> records() {
        return entries(TruthRecord.class);
    }

    /** The answers to keyed questions recorded so far, in delivery order (in-memory logs only). */
    public List<AnswerRecord> answers() {
        return entries(AnswerRecord.class);
    }

    /** How much of each delivered prompt the prefix cache served, in delivery order (in-memory logs only). */
    public List<PrefixCacheRecord> prefixCaches() {
        return entries(PrefixCacheRecord.class);
    }

    private synchronized <T extends TruthEntry> List<T> entries(Class<T> type) {
        if (kept == null) throw new IllegalStateException("truth is not kept in memory (streamed to a file or discarded)");
        TruthEntry r;
        while ((r = queue.poll()) != null) kept.add(r);
        return kept.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private void drainLoop() {
        while (open) {
            try {
                Thread.sleep(DRAIN_INTERVAL_MILLIS);
                drain();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One generator and serializer per drain, not a string per record: at 1,024 streams the records were a sixth of the emulator's garbage. */
    private synchronized void drain() {
        TruthEntry r;
        try {
            JsonGenerator g = Json.MAPPER.getFactory().createGenerator(writer).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setRootValueSeparator(null);
            SequenceWriter values = LINE_WRITER.writeValues(g); // one serializer provider for the drain, not one per record
            while ((r = queue.poll()) != null) {
                values.write(r);
                g.writeRaw('\n');
            }
            g.close(); // into the writer, which stays open
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing truth file failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (writer == null) return;
        open = false;
        drainer.interrupt();
        drain();
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
