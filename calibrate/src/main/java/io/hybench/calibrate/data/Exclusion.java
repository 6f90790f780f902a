package io.hybench.calibrate.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.hybench.core.mapper.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Rows to drop: a JSONL file whose {@code field} holds prompt texts (RouteLLM's
 * {@code contaminated_prompts.jsonl} keeps them in {@code eval_prompt}); a row is dropped when its
 * mapped prompt equals one of them exactly, as RouteLLM's own evaluation does.
 */
public record Exclusion(Path file, String field) {
    public static final String ROUTELLM_FIELD = "eval_prompt";

    /** The distinct prompt texts listed in the file. */
    public Set<String> prompts() {
        Set<String> out = new HashSet<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DataFormatException(file, "cannot read exclusion list: " + e.getMessage());
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) continue;
            JsonNode node;
            try {
                node = Json.MAPPER.readTree(lines.get(i));
            } catch (JsonProcessingException e) {
                throw new DataFormatException(file, i + 1, null, "invalid JSON: " + e.getOriginalMessage());
            }
            JsonNode v = node.get(field);
            if (v == null || !v.isTextual()) throw new DataFormatException(file, i + 1, field, "missing or not a string");
            out.add(v.asText());
        }
        return out;
    }
}
