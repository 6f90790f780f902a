package io.hybench.calibrate.collect.grade;

import io.hybench.calibrate.collect.questions.Question;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Free text without a judge: {@link Mode#EXACT} compares normalised forms ({@link TextExtractor#normalise});
 * {@link Mode#REGEX} takes the gold answer as a regular expression that must match the whole extracted
 * answer, case-insensitively.
 */
public record TextGrader(Mode mode) implements Grader {
    public enum Mode { EXACT, REGEX }

    @Override
    public Grade grade(Question q, String reply) {
        return TextExtractor.extract(reply).map(e -> Grade.of(
                new Extraction(TextExtractor.normalise(e.answer()), e.start(), e.end(), false), matches(q, e.answer())))
                .orElseGet(Grade::unparseableResponse);
    }

    private boolean matches(Question q, String answer) {
        if (mode == Mode.EXACT) return TextExtractor.normalise(answer).equals(TextExtractor.normalise(q.gold()));
        try {
            return Pattern.compile(q.gold(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(answer.strip()).matches();
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("question " + q.id() + " (" + q.source() + "): gold answer is not a valid regex: " + e.getDescription());
        }
    }
}
