package io.hybench.calibrate.collect.grade;

import io.hybench.calibrate.collect.questions.Question;

/** Multiple choice: the extracted letter equals the gold letter. */
public record ChoiceGrader() implements Grader {
    @Override
    public Grade grade(Question q, String reply) {
        return ChoiceExtractor.extract(reply, q.options())
                .map(e -> Grade.of(e, e.answer().equals(q.gold())))
                .orElseGet(Grade::unparseableResponse);
    }
}
