package io.hybench.calibrate.collect.questions;

import io.hybench.calibrate.data.DataFormatException;
import io.hybench.core.mapper.Yaml;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Which column of a question file is which (YAML, docs/collect.md). Columns may be JSON pointers in
 * JSONL ({@code /choices/0}). {@code category} may be {@code @file} (file name without extension).
 *
 * @param id            id column; null: {@code file:line}
 * @param question      question/stem column (required)
 * @param options       option columns in letter order; an empty or missing cell ends the list
 * @param answer        gold answer column (required)
 * @param answerIsIndex the gold multiple-choice answer is a 0-based option index, not a letter
 * @param kind          kind column (values as {@link QuestionKind#parse}); null: {@code defaultKind}
 * @param defaultKind   the kind of every row when no kind column is named
 * @param category      category column, or {@code @file}
 * @param difficulty    difficulty column
 */
public record QuestionMapping(String id, String question, List<String> options, String answer, Boolean answerIsIndex,
                              String kind, QuestionKind defaultKind, String category, String difficulty) {

    public QuestionMapping {
        options = options == null ? List.of() : List.copyOf(options);
        if (answerIsIndex == null) answerIsIndex = false;
    }

    public static QuestionMapping read(Path file) {
        QuestionMapping m;
        try {
            m = Yaml.STRICT.readValue(file.toFile(), QuestionMapping.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new DataFormatException(file, "invalid question mapping: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new DataFormatException(file, "cannot read question mapping: " + e.getMessage());
        }
        try {
            return m.validated();
        } catch (IllegalArgumentException e) {
            throw new DataFormatException(file, e.getMessage());
        }
    }

    public QuestionMapping validated() {
        if (question == null) throw new IllegalArgumentException("question mapping names no question column (question)");
        if (answer == null) throw new IllegalArgumentException("question mapping names no answer column (answer)");
        if (kind == null && defaultKind == null) throw new IllegalArgumentException("question mapping needs a kind column (kind) or a defaultKind");
        return this;
    }
}
