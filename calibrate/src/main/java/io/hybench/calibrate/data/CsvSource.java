package io.hybench.calibrate.data;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.hybench.core.mapper.Csv;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Reads a CSV with a header row (RFC 4180 quoting, multi-line quoted fields) through Jackson CSV. */
public final class CsvSource {

    private CsvSource() {
    }

    public static void read(Path file, Consumer<RawRow> sink) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             JsonParser p = Csv.MAPPER.getFactory().createParser(reader)) {
            Map<String, Integer> header = null;
            List<String> fields = new ArrayList<>();
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t != JsonToken.START_ARRAY) throw new DataFormatException(file, p.currentTokenLocation().getLineNr(), null, "unexpected CSV token " + t);
                long line = -1;
                fields.clear();
                while ((t = p.nextToken()) == JsonToken.VALUE_STRING) {
                    // The record's first field carries its starting line (START_ARRAY lags behind).
                    if (line < 0) line = p.currentTokenLocation().getLineNr();
                    fields.add(p.getText());
                }
                if (header == null) {
                    header = headerIndex(file, line, fields);
                    continue;
                }
                if (fields.size() == 1 && fields.get(0).isEmpty()) continue; // blank line
                if (fields.size() != header.size()) {
                    throw new DataFormatException(file, line, null, "row has " + fields.size() + " fields, header has " + header.size());
                }
                sink.accept(new Row(line, header, List.copyOf(fields)));
            }
            if (header == null) throw new DataFormatException(file, "empty CSV: no header row");
        } catch (IOException e) {
            throw new DataFormatException(file, "cannot read CSV: " + e.getMessage());
        }
    }

    private static Map<String, Integer> headerIndex(Path file, long line, List<String> names) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = i == 0 ? names.get(i).replace("\uFEFF", "") : names.get(i);
            if (index.putIfAbsent(name, i) != null) throw new DataFormatException(file, line, name, "duplicate header column");
        }
        return index;
    }

    private record Row(long line, Map<String, Integer> header, List<String> fields) implements RawRow {
        @Override
        public String get(String column) {
            Integer i = header.get(column);
            if (i == null) return null;
            String v = fields.get(i);
            return v.isEmpty() ? null : v;
        }

        @Override
        public boolean hasColumn(String column) {
            return header.containsKey(column);
        }
    }
}
