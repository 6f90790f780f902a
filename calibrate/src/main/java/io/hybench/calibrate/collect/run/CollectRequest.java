package io.hybench.calibrate.collect.run;

import io.hybench.calibrate.collect.grade.NumericTolerance;
import io.hybench.calibrate.collect.grade.TextGrader;
import io.hybench.calibrate.collect.prompts.PromptSet;
import io.hybench.calibrate.collect.questions.Question;
import io.hybench.calibrate.cost.PriceFile;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything a collect run needs.
 *
 * @param questions     the question set
 * @param questionFiles where it came from (provenance)
 * @param local         the local target
 * @param clouds        cloud targets, possibly none
 * @param prompts       prompt templates
 * @param grading       how answers are graded
 * @param prices        price file, or null
 * @param out           the output JSONL
 */
public record CollectRequest(List<Question> questions, List<Path> questionFiles, CollectTarget local, List<CollectTarget> clouds,
                             PromptSet prompts, GradingSettings grading, PriceFile prices, Path out) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]*");

    public CollectRequest {
        Objects.requireNonNull(questions, "questions");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(prompts, "prompts");
        Objects.requireNonNull(grading, "grading");
        Objects.requireNonNull(out, "out");
        questionFiles = questionFiles == null ? List.of() : List.copyOf(questionFiles);
        clouds = clouds == null ? List.of() : List.copyOf(clouds);
        Set<String> names = new HashSet<>();
        for (CollectTarget t : java.util.stream.Stream.concat(java.util.stream.Stream.of(local), clouds.stream()).toList()) {
            // Names prefix the output columns: they must be distinct and must not contain '_' (the separator).
            if (!NAME.matcher(t.name()).matches()) throw new IllegalArgumentException("target name '" + t.name() + "' must be letters, digits and '-', starting with a letter");
            if (!names.add(t.name())) throw new IllegalArgumentException("two targets are named '" + t.name() + "'; give them distinct name=...");
        }
    }

    /**
     * @param tolerance numeric grading tolerance
     * @param textMode  free-text grading without a judge
     * @param judge     judge target for free text, or null
     */
    public record GradingSettings(NumericTolerance tolerance, TextGrader.Mode textMode, CollectTarget judge) {
        /** Exact numbers and exact text, no judge. */
        public static final GradingSettings EXACT = new GradingSettings(NumericTolerance.EXACT, TextGrader.Mode.EXACT, null);

        public GradingSettings {
            Objects.requireNonNull(tolerance, "tolerance");
            Objects.requireNonNull(textMode, "textMode");
        }
    }

    /** Local first, then the clouds. */
    public List<CollectTarget> targets() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(local), clouds.stream()).toList();
    }
}
