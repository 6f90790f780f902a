package io.hybench.calibrate.data;

import io.hybench.core.mapper.Yaml;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Which column of a labeled data set is which. Any column may be a JSON pointer ({@code /a/b}) when
 * reading JSONL. {@code category} may be {@value #FILE_NAME}, which takes the file name without its
 * extension (RouteLLM's MMLU keeps one subject per file). {@code id} may be null: rows are then
 * named {@code file:line}. {@code scores} may be empty: the calibrator then reports only the
 * reference routers (local-only, cloud-only, random, oracle).
 */
public record ColumnMapping(String id, String prompt, String category, List<String> scores, ScoreSense scoreSense,
                            SideColumns local, SideColumns cloud) {
    public static final String FILE_NAME = "@file";


    public ColumnMapping {
        scores = scores == null ? List.of() : List.copyOf(scores);
        if (scoreSense == null) scoreSense = ScoreSense.HIGHER_MEANS_LOCAL;
    }

    /** Reads a mapping YAML; unknown keys are errors so a typo cannot silently drop a column. */
    public static ColumnMapping read(Path file) {
        try {
            return Yaml.STRICT.readValue(file.toFile(), ColumnMapping.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new DataFormatException(file, "invalid mapping: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new DataFormatException(file, "cannot read mapping: " + e.getMessage());
        }
    }

    /** This mapping with every non-null entry of {@code over} replacing its own (CLI flags over a file). */
    public ColumnMapping overriddenBy(ColumnMapping over) {
        return new ColumnMapping(SideColumns.pick(over.id, id), SideColumns.pick(over.prompt, prompt),
                SideColumns.pick(over.category, category), over.scores.isEmpty() ? scores : over.scores,
                over.scoreSense != ScoreSense.HIGHER_MEANS_LOCAL ? over.scoreSense : scoreSense,
                local == null ? over.local : local.merge(over.local), cloud == null ? over.cloud : cloud.merge(over.cloud));
    }

    /** Fails unless both correctness columns are named. */
    public ColumnMapping validated() {
        if (local == null || local.correct() == null) throw new IllegalArgumentException("mapping names no local correctness column (local.correct)");
        if (cloud == null || cloud.correct() == null) throw new IllegalArgumentException("mapping names no cloud correctness column (cloud.correct)");
        return this;
    }
}
