package io.hybench.calibrate.collect.grade;

import io.hybench.calibrate.collect.questions.Question;

/** Grades one reply to one question against its gold answer. */
public sealed interface Grader permits ChoiceGrader, NumericGrader, TextGrader, JudgeGrader {
    Grade grade(Question question, String reply);
}
