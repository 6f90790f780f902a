package io.hybench.calibrate.collect.grade;

import io.hybench.calibrate.collect.questions.Question;

/** The grader for each question kind. */
public record Grading(Grader multipleChoice, Grader numeric, Grader freeText) {
    public static Grading of(NumericTolerance tolerance, Grader freeText) {
        return new Grading(new ChoiceGrader(), new NumericGrader(tolerance), freeText);
    }

    public Grade grade(Question q, String reply) {
        Grader g = switch (q.kind()) {
            case MULTIPLE_CHOICE -> multipleChoice;
            case NUMERIC -> numeric;
            case FREE_TEXT -> freeText;
        };
        return g.grade(q, reply);
    }
}
