package io.hybench.calibrate.collect.questions;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.util.Locale;

/** How a question is asked and graded. */
public enum QuestionKind {
    /** A stem with lettered options; the gold answer is a letter. */
    MULTIPLE_CHOICE,
    /** The gold answer is a number; answers are compared with a tolerance. */
    NUMERIC,
    /** The gold answer is a reference text; answers are compared exactly, by regex, or by a judge. */
    FREE_TEXT;

    /** Accepts the enum name or the short forms {@code mc}, {@code numeric}, {@code text}, any case. */
    @JsonCreator
    public static QuestionKind parse(String s) {
        String v = s.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        return switch (v) {
            case "mc", "multiple_choice", "choice" -> MULTIPLE_CHOICE;
            case "numeric", "number" -> NUMERIC;
            case "text", "free_text", "free" -> FREE_TEXT;
            default -> throw new IllegalArgumentException("unknown question kind '" + s + "' (expected mc, numeric or text)");
        };
    }
}
