package io.hybench.calibrate.hybrid;

import io.hybench.calibrate.collect.prompts.PromptSet;
import io.hybench.calibrate.collect.questions.Question;
import io.hybench.core.mapper.Json;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A question set as a bench prompt file: each question rendered exactly as {@code collect} asks it
 * ({@link PromptSet}), with the question id as the prompt's {@code id}, so a load run's answers can be
 * graded with collect's graders and set beside collect's labeled rows.
 */
public final class QuestionPrompts {
    private QuestionPrompts() {
    }

    /** Writes one JSONL line per question ({@code prompt}, {@code id}, {@code category}, {@code maxTokens}). */
    public static void write(List<Question> questions, PromptSet prompts, int maxTokens, Path file) throws IOException {
        if (questions.isEmpty()) throw new IllegalArgumentException("no questions to ask");
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (Question q : questions) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("prompt", prompts.render(q));
                line.put("id", q.id());
                line.put("category", q.category());
                line.put("maxTokens", maxTokens);
                out.write(Json.MAPPER.writeValueAsString(line));
                out.write('\n');
            }
        }
    }
}
