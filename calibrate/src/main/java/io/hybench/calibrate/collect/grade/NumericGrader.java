package io.hybench.calibrate.collect.grade;

import io.hybench.calibrate.collect.questions.Question;

import java.math.BigDecimal;

/** Numeric: the extracted number equals the gold number within the tolerance. */
public record NumericGrader(NumericTolerance tolerance) implements Grader {
    @Override
    public Grade grade(Question q, String reply) {
        BigDecimal gold = new BigDecimal(q.gold());
        return NumberExtractor.extract(reply)
                .map(e -> Grade.of(e, tolerance.equal(new BigDecimal(e.answer()), gold)))
                .orElseGet(Grade::unparseableResponse);
    }
}
