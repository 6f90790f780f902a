package io.hybench.calibrate.collect.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybench.calibrate.data.DataFormatException;
import io.hybench.core.mapper.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The labeled output, written one complete JSON line per answered question and flushed at once, so an
 * interrupted run keeps every row it finished. On opening, the rows already there are read back; a
 * last line cut short by a kill (no newline, or not JSON) is cut off, because its question was not
 * finished; a broken line anywhere else is an error naming the line.
 */
final class RowLog implements AutoCloseable {
    private final Writer writer;
    private final List<JsonNode> existing;

    private RowLog(Writer writer, List<JsonNode> existing) {
        this.writer = writer;
        this.existing = existing;
    }

    static RowLog open(Path file) {
        try {
            List<JsonNode> rows = Files.exists(file) ? readAndRepair(file) : new ArrayList<>();
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return new RowLog(w, rows);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
        }
    }

    /** Rows present when the log was opened. */
    List<JsonNode> existing() {
        return existing;
    }

    synchronized void append(ObjectNode row) {
        try {
            writer.write(Json.MAPPER.writeValueAsString(row));
            writer.write('\n');
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the output", e);
        }
    }

    /** Every complete row of {@code file}. */
    static List<JsonNode> read(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (completeLength(bytes) < bytes.length) throw new DataFormatException(file, "last row is incomplete (no newline)");
            return parse(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The rows, after cutting off a last line that has no newline: it was being written when the run stopped. */
    private static List<JsonNode> readAndRepair(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int complete = completeLength(bytes);
        if (complete < bytes.length) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(complete);
            }
        }
        return parse(file, java.util.Arrays.copyOf(bytes, complete));
    }

    private static int completeLength(byte[] bytes) {
        int i = bytes.length;
        while (i > 0 && bytes[i - 1] != '\n') i--;
        return i;
    }

    private static List<JsonNode> parse(Path file, byte[] bytes) {
        List<JsonNode> rows = new ArrayList<>();
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank()) rows.add(row(file, i + 1, lines[i]));
        }
        return rows;
    }

    private static JsonNode row(Path file, int line, String content) {
        try {
            JsonNode node = Json.MAPPER.readTree(content);
            if (node.isObject() && node.hasNonNull("id")) return node;
        } catch (JsonProcessingException e) {
            // reported below
        }
        throw new DataFormatException(file, line, null, "not a collect output row; the file is not a collect output or was edited");
    }

    @Override
    public void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
