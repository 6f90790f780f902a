package io.hybench.calibrate.collect;

import io.hybench.calibrate.collect.grade.ChoiceGrader;
import io.hybench.calibrate.collect.grade.Grade;
import io.hybench.calibrate.collect.grade.JudgeGrader;
import io.hybench.calibrate.collect.grade.NumericGrader;
import io.hybench.calibrate.collect.grade.NumericTolerance;
import io.hybench.calibrate.collect.grade.TextGrader;
import io.hybench.calibrate.collect.prompts.PromptSet;
import io.hybench.calibrate.collect.questions.Question;
import io.hybench.calibrate.collect.questions.QuestionKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GradersTest {
    static final Question CAPITAL = new Question("q1", QuestionKind.MULTIPLE_CHOICE, "What is the capital of Australia?",
            List.of("Sydney", "Canberra", "Melbourne", "Perth"), "B", null, null, "t:1");

    /** Replies as models write them, and the letter each must yield (null: unparseable). */
    static Stream<Arguments> choiceReplies() {
        return Stream.of(
                Arguments.of("Answer: B", "B"),
                Arguments.of("Answer: b", "B"),
                Arguments.of("B", "B"),
                Arguments.of("(b)", "B"),
                Arguments.of("B.", "B"),
                Arguments.of("  (B)  ", "B"),
                Arguments.of("B. Canberra", "B"),
                Arguments.of("(B) Canberra is the capital.", "B"),
                Arguments.of("The correct answer is C.", "C"),
                Arguments.of("The answer is (d).", "D"),
                Arguments.of("**Answer:** B\nConfidence: 90", "B"),
                Arguments.of("**Final answer: B**", "B"),
                Arguments.of("Canberra was chosen as a compromise between Sydney and Melbourne.\n\nAnswer: B\nConfidence: 85", "B"),
                Arguments.of("Let me think. A is wrong because Sydney is the largest city, not the capital.\nSo the answer is B.", "B"),
                Arguments.of("I would go with option B.", "B"),
                Arguments.of("Canberra", "B"),
                Arguments.of("The capital of Australia is Canberra.", "B"),
                Arguments.of("The answer is a city in the ACT: Canberra.", "B"),
                Arguments.of("Answer: [A]", "A"),
                Arguments.of("answer - D", "D"),
                Arguments.of("Answer: E", null),
                Arguments.of("I am not sure.", null),
                Arguments.of("Either Sydney or Melbourne.", null),
                Arguments.of("", null),
                Arguments.of("Confidence: 70", null));
    }

    @ParameterizedTest
    @MethodSource("choiceReplies")
    void extractsTheChosenLetter(String reply, String letter) {
        Grade g = new ChoiceGrader().grade(CAPITAL, reply);
        assertEquals(letter, g.answer(), reply);
        assertEquals(letter == null, g.unparseable());
        assertEquals("B".equals(letter), g.correct());
    }

    @Test
    void letterSpanPointsAtTheLetter() {
        String reply = "Reasoning here.\nAnswer: B\nConfidence: 80";
        Grade g = new ChoiceGrader().grade(CAPITAL, reply);
        assertEquals("B", reply.substring(g.start(), g.end()));
        assertTrue(g.asLetter());
        Grade byText = new ChoiceGrader().grade(CAPITAL, "It is Canberra.");
        assertEquals("Canberra", "It is Canberra.".substring(byText.start(), byText.end()));
        assertFalse(byText.asLetter());
    }

    static Question numeric(String gold) {
        return new Question("n", QuestionKind.NUMERIC, "?", List.of(), gold, null, null, "t:1");
    }

    static Stream<Arguments> numericReplies() {
        return Stream.of(
                Arguments.of("Answer: 42", "42"),
                Arguments.of("Natalia sold 48/2 = 24 clips in May.\nNatalia sold 48+24 = 72 clips altogether.\n#### 72", "72"),
                Arguments.of("So the total is \\boxed{1,234}.", "1234"),
                Arguments.of("The answer is $1,234.50", "1234.5"),
                Arguments.of("Answer: -17\nConfidence: 95", "-17"),
                Arguments.of("3 + 4 = 7, and 7 * 6 = 42. The result is 42.", "42"),
                Arguments.of("**Answer:** 3/4", "0.75"),
                Arguments.of("Answer: 45%", "45"),
                Arguments.of("Answer: .5", "0.5"),
                Arguments.of("Answer: 81.05 metres\nConfidence: 100", "81.05"),
                Arguments.of("10-3 = 7", "7"),
                Arguments.of("Answer: approximately 20.12", "20.12"),
                Arguments.of("I cannot tell.\nConfidence: 20", null),
                Arguments.of("", null));
    }

    @ParameterizedTest
    @MethodSource("numericReplies")
    void extractsTheFinalNumber(String reply, String number) {
        Grade g = new NumericGrader(NumericTolerance.EXACT).grade(numeric(number == null ? "1" : number), reply);
        assertEquals(number, g.answer(), reply);
        assertEquals(number != null, g.correct());
        assertEquals(number == null, g.unparseable());
    }

    @Test
    void numericToleranceIsAbsoluteOrRelative() {
        assertTrue(new NumericGrader(new NumericTolerance(0.01, 0)).grade(numeric("20.12"), "Answer: 20.117").correct());
        assertFalse(new NumericGrader(new NumericTolerance(0.001, 0)).grade(numeric("20.12"), "Answer: 20.117").correct());
        assertTrue(new NumericGrader(new NumericTolerance(0, 0.001)).grade(numeric("1000"), "Answer: 1000.9").correct());
        assertFalse(new NumericGrader(new NumericTolerance(0, 0.001)).grade(numeric("1000"), "Answer: 1001.1").correct());
        assertFalse(new NumericGrader(NumericTolerance.EXACT).grade(numeric("72"), "Answer: 73").correct());
        assertFalse(new NumericGrader(NumericTolerance.EXACT).grade(numeric("72"), "Answer: 73").unparseable());
    }

    static Question text(String gold) {
        return new Question("t", QuestionKind.FREE_TEXT, "?", List.of(), gold, null, null, "t:1");
    }

    @Test
    void exactTextMatchNormalises() {
        TextGrader exact = new TextGrader(TextGrader.Mode.EXACT);
        assertTrue(exact.grade(text("2012-05-03"), "295 days later.\nAnswer: 2012-05-03\nConfidence: 60").correct());
        assertTrue(exact.grade(text("The Eiffel Tower"), "Answer: **eiffel tower.**").correct());
        assertTrue(exact.grade(text("Paris"), "Paris").correct());
        assertFalse(exact.grade(text("2012-05-03"), "Answer: 2012-05-04").correct());
        Grade none = exact.grade(text("x"), "Line one\nline two without a marker");
        assertTrue(none.unparseable());
        assertNull(none.answer());
    }

    @Test
    void regexTextMatchMustCoverTheAnswer() {
        TextGrader regex = new TextGrader(TextGrader.Mode.REGEX);
        assertTrue(regex.grade(text("(the )?eiffel tower"), "Answer: Eiffel Tower").correct());
        assertFalse(regex.grade(text("eiffel"), "Answer: Eiffel Tower").correct());
    }

    @Test
    void judgeGetsQuestionReferenceAndCandidate() {
        AtomicReference<String> asked = new AtomicReference<>();
        JudgeGrader judge = new JudgeGrader(PromptSet.JUDGE_V1, p -> {
            asked.set(p);
            return "CORRECT";
        });
        Question q = new Question("j", QuestionKind.FREE_TEXT, "Who wrote Hamlet?", List.of(), "William Shakespeare", null, null, "t:1");
        assertTrue(judge.grade(q, "It was the Bard.\nAnswer: Shakespeare").correct());
        assertTrue(asked.get().contains("Question: Who wrote Hamlet?"));
        assertTrue(asked.get().contains("Reference answer: William Shakespeare"));
        assertTrue(asked.get().contains("Candidate answer: Shakespeare"));
        assertFalse(new JudgeGrader(PromptSet.JUDGE_V1, p -> "INCORRECT").grade(q, "Answer: Marlowe").correct());
        assertFalse(new JudgeGrader(PromptSet.JUDGE_V1, p -> "I cannot decide").grade(q, "Answer: Marlowe").correct());
        assertEquals(java.util.Optional.of(false), JudgeGrader.verdict("**INCORRECT** - different person"));
        assertEquals(java.util.Optional.empty(), JudgeGrader.verdict("maybe"));
    }
}
