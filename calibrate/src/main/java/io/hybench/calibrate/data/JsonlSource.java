package io.hybench.calibrate.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.hybench.core.mapper.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Reads JSON Lines: one object per line, blank lines skipped. Columns are field names or JSON pointers. */
public final class JsonlSource {
    private JsonlSource() {
    }

    public static void read(Path file, Consumer<RawRow> sink) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            long line = 0;
            while ((text = in.readLine()) != null) {
                line++;
                if (text.isBlank()) continue;
                JsonNode node;
                try {
                    node = Json.MAPPER.readTree(text);
                } catch (JsonProcessingException e) {
                    throw new DataFormatException(file, line, null, "invalid JSON: " + e.getOriginalMessage());
                }
                if (!node.isObject()) throw new DataFormatException(file, line, null, "expected a JSON object, got " + node.getNodeType());
                sink.accept(new Row(file, line, node));
            }
        } catch (IOException e) {
            throw new DataFormatException(file, "cannot read JSONL: " + e.getMessage());
        }
    }

    private record Row(Path file, long line, JsonNode node) implements RawRow {
        @Override
        public String get(String column) {
            JsonNode v = field(column);
            if (v == null || v.isMissingNode() || v.isNull()) return null;
            if (v.isContainerNode()) throw new DataFormatException(file, line, column, "expected a scalar, got " + v.getNodeType());
            String s = v.asText();
            return s.isEmpty() ? null : s;
        }

        @Override
        public boolean hasColumn(String column) {
            JsonNode v = field(column);
            return v != null && !v.isMissingNode();
        }

        private JsonNode field(String column) {
            return column.startsWith("/") ? node.at(column) : node.get(column);
        }
    }
}
