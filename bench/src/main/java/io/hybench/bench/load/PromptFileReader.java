package io.hybench.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.hybench.core.mapper.Csv;
import io.hybench.core.mapper.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads prompt files. JSONL: one object per line with {@code prompt} and optional {@code maxTokens},
 * {@code category} and {@code id}. CSV: a header row naming a {@code prompt} column and optional
 * {@code maxTokens}, {@code category} and {@code id} columns (RFC 4180 quoting, so prompts may hold commas and
 * newlines). Errors name the file, line and field.
 */
final class PromptFileReader {

    private PromptFileReader() {
    }

    static List<Prompt> read(PromptSpec.File spec) {
        List<Prompt> prompts = switch (spec.format()) {
            case JSONL -> readJsonl(spec);
            case CSV -> readCsv(spec);
        };
        if (prompts.isEmpty()) throw new WorkloadException(spec.path() + ": no prompts in file");
        return prompts;
    }

    private static List<Prompt> readJsonl(PromptSpec.File spec) {
        List<Prompt> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(spec.path())) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) continue;
                String where = spec.path() + ":" + lineNo;
                JsonNode n;
                try {
                    n = Json.MAPPER.readTree(line);
                } catch (IOException e) {
                    throw new WorkloadException(where + ": not a JSON object: " + e.getMessage(), e);
                }
                if (!n.isObject()) throw new WorkloadException(where + ": expected a JSON object");
                JsonNode prompt = n.get("prompt");
                if (prompt == null || !prompt.isTextual() || prompt.asText().isEmpty()) {
                    throw new WorkloadException(where + ": prompt: missing or not a non-empty string");
                }
                Integer maxTokens = null;
                JsonNode mt = n.get("maxTokens");
                if (mt != null && !mt.isNull()) {
                    if (!mt.isIntegralNumber() || !mt.canConvertToInt() || mt.asInt() < 1) {
                        throw new WorkloadException(where + ": maxTokens: expected a whole number >= 1, was " + mt);
                    }
                    maxTokens = mt.asInt();
                }
                JsonNode cat = n.get("category");
                String category = cat == null || cat.isNull() ? null : cat.asText();
                JsonNode id = n.get("id");
                out.add(new Prompt(prompt.asText(), maxTokens, category, id == null || id.isNull() ? null : id.asText()));
            }
        } catch (IOException e) {
            throw new WorkloadException(spec.path() + ": cannot read prompt file: " + e.getMessage(), e);
        }
        return out;
    }

    private static List<Prompt> readCsv(PromptSpec.File spec) {
        List<Prompt> out = new ArrayList<>();
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        try (MappingIterator<Map<String, String>> rows = Csv.STRICT_HEADERS.readerForMapOf(String.class).with(schema).readValues(spec.path().toFile())) {
            int record = 0;
            while (rows.hasNextValue()) {
                Map<String, String> row = rows.nextValue();
                record++;
                // Records, not lines: a quoted prompt may span several lines.
                String where = spec.path() + ": record " + record + " after the header";
                if (!row.containsKey("prompt")) throw new WorkloadException(spec.path() + ":1: header has no 'prompt' column");
                String prompt = row.get("prompt");
                if (prompt == null || prompt.isEmpty()) throw new WorkloadException(where + ": prompt: empty");
                Integer maxTokens = null;
                String mt = row.get("maxTokens");
                if (mt != null && !mt.isBlank()) {
                    try {
                        maxTokens = Integer.parseInt(mt.trim());
                    } catch (NumberFormatException e) {
                        throw new WorkloadException(where + ": maxTokens: expected a whole number, was '" + mt + "'");
                    }
                    if (maxTokens < 1) throw new WorkloadException(where + ": maxTokens: must be >= 1, was " + maxTokens);
                }
                String category = row.get("category");
                String id = row.get("id");
                out.add(new Prompt(prompt, maxTokens, category == null || category.isEmpty() ? null : category,
                        id == null || id.isEmpty() ? null : id));
            }
        } catch (IOException e) {
            throw new WorkloadException(spec.path() + ": cannot read prompt file: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e instanceof WorkloadException) throw e;
            throw new WorkloadException(spec.path() + ": malformed CSV: " + e.getMessage(), e);
        }
        return out;
    }
}
