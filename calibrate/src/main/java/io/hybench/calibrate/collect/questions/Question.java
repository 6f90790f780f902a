package io.hybench.calibrate.collect.questions;

import java.util.List;
import java.util.Objects;

/**
 * One question with its exact gold answer.
 *
 * @param id         unique within the set
 * @param kind       how it is asked and graded
 * @param text       the question (the stem, for multiple choice)
 * @param options    option texts in letter order (A, B, ...); empty unless multiple choice
 * @param gold       a letter for multiple choice, a number's text for numeric, the reference for free text
 * @param category   optional grouping (subject, family), null when none
 * @param difficulty optional difficulty label, null when none
 * @param source     {@code file:line} for error messages
 */
public record Question(String id, QuestionKind kind, String text, List<String> options, String gold,
                       String category, String difficulty, String source) {
    public Question {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(gold, "gold");
        options = options == null ? List.of() : List.copyOf(options);
    }

    /** The letter of option {@code index} (0 = A). */
    public static char letter(int index) {
        return (char) ('A' + index);
    }

    /** The gold option's text (multiple choice only). */
    public String goldOptionText() {
        return options.get(gold.charAt(0) - 'A');
    }
}
