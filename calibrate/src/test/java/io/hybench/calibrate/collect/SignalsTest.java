package io.hybench.calibrate.collect;

import io.hybench.bench.client.TokenLogprob;
import io.hybench.bench.client.TokenLogprob.Alternative;
import io.hybench.calibrate.collect.grade.ChoiceGrader;
import io.hybench.calibrate.collect.grade.Grade;
import io.hybench.calibrate.collect.grade.NumericGrader;
import io.hybench.calibrate.collect.grade.NumericTolerance;
import io.hybench.calibrate.collect.questions.Question;
import io.hybench.calibrate.collect.questions.QuestionKind;
import io.hybench.calibrate.collect.signals.LogprobSignals;
import io.hybench.calibrate.collect.signals.SelfConsistency;
import io.hybench.calibrate.collect.signals.Signal;
import io.hybench.calibrate.collect.signals.SignalValues;
import io.hybench.calibrate.collect.signals.VerbalisedConfidence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

import static java.lang.Math.log;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignalsTest {
    static TokenLogprob tok(String t, double lp, Alternative... alts) {
        return new TokenLogprob(t, lp, List.of(alts));
    }

    static Alternative alt(String t, double lp) {
        return new Alternative(t, lp);
    }

    @Test
    void choiceProbabilityIsRenormalisedOverTheOptionLetters() {
        Question q = GradersTest.CAPITAL;
        String reply = "Answer: B";
        // At the letter: " B" 0.6, " A" 0.2, " C" 0.1, "B" (no space) 0.05, " The" 0.05 (not an option).
        List<TokenLogprob> tokens = List.of(tok("Answer", -0.01), tok(":", -0.02),
                tok(" B", log(0.6), alt(" B", log(0.6)), alt(" A", log(0.2)), alt(" C", log(0.1)), alt("B", log(0.05)), alt(" The", log(0.05))));
        Grade g = new ChoiceGrader().grade(q, reply);
        SignalValues s = LogprobSignals.of(q, reply, g, tokens);
        // B = 0.6 + 0.05 = 0.65; options total 0.95: p = 0.65/0.95; margin = (0.65 - 0.2)/0.95.
        assertEquals(0.65 / 0.95, s.values().get(Signal.CHOICE_PROBABILITY), 1e-12);
        assertEquals(0.45 / 0.95, s.values().get(Signal.CHOICE_MARGIN), 1e-12);
        assertEquals(log(0.6), s.values().get(Signal.MEAN_LOGPROB), 1e-12);
        assertEquals(log(0.6), s.values().get(Signal.MIN_LOGPROB), 1e-12);
    }

    @Test
    void chosenTokenCountsEvenWhenNotAmongAlternatives() {
        Question q = GradersTest.CAPITAL;
        List<TokenLogprob> tokens = List.of(tok("(", -0.1), tok("C", log(0.3), alt("D", log(0.5))), tok(")", -0.2));
        Grade g = new ChoiceGrader().grade(q, "(C)");
        SignalValues s = LogprobSignals.of(q, "(C)", g, tokens);
        assertEquals(0.3 / 0.8, s.values().get(Signal.CHOICE_PROBABILITY), 1e-12);
        assertEquals(0.2 / 0.8, s.values().get(Signal.CHOICE_MARGIN), 1e-12);
    }

    @Test
    void numericAnswerLogprobsCoverItsTokensOnly() {
        Question q = GradersTest.numeric("1234");
        String reply = "Answer: 1234\nConfidence: 90";
        List<TokenLogprob> tokens = List.of(tok("Answer", -0.5), tok(":", -0.5), tok(" 12", -0.2), tok("34", -0.6),
                tok("\n", -0.01), tok("Confidence", -0.01), tok(":", -0.01), tok(" 90", -1.5));
        Grade g = new NumericGrader(NumericTolerance.EXACT).grade(q, reply);
        SignalValues s = LogprobSignals.of(q, reply, g, tokens);
        assertEquals(-0.4, s.values().get(Signal.MEAN_LOGPROB), 1e-12);
        assertEquals(-0.6, s.values().get(Signal.MIN_LOGPROB), 1e-12);
        assertEquals("not a multiple-choice question", s.missing().get(Signal.CHOICE_PROBABILITY));
    }

    @Test
    void absentSignalsSayWhy() {
        Question q = GradersTest.CAPITAL;
        Grade g = new ChoiceGrader().grade(q, "Answer: B");
        assertEquals("the target returned no logprobs", LogprobSignals.of(q, "Answer: B", g, List.of()).missing().get(Signal.MEAN_LOGPROB));
        assertEquals("the logprob tokens do not spell the reply",
                LogprobSignals.of(q, "Answer: B", g, List.of(tok("Answer: C", -1))).missing().get(Signal.MEAN_LOGPROB));
        SignalValues noTop = LogprobSignals.of(q, "Answer: B", g, List.of(tok("Answer:", -1), tok(" B", -0.1)));
        assertEquals("the target returned no top_logprobs", noTop.missing().get(Signal.CHOICE_PROBABILITY));
        assertTrue(noTop.values().containsKey(Signal.MEAN_LOGPROB));
        Grade byText = new ChoiceGrader().grade(q, "Canberra");
        assertEquals("the answer was given as option text, not a letter",
                LogprobSignals.of(q, "Canberra", byText, List.of(tok("Can", -0.1), tok("berra", -0.1))).missing().get(Signal.CHOICE_PROBABILITY));
        Grade none = new ChoiceGrader().grade(q, "No idea");
        assertEquals("no answer found in the reply", LogprobSignals.of(q, "No idea", none, List.of(tok("No idea", -1))).missing().get(Signal.MIN_LOGPROB));
    }

    static Stream<Arguments> ratings() {
        return Stream.of(
                Arguments.of("Answer: B\nConfidence: 85", 0.85),
                Arguments.of("Confidence: 85%", 0.85),
                Arguments.of("**Confidence:** 70/100", 0.70),
                Arguments.of("Confidence level: 0.9", 0.9),
                Arguments.of("My confidence is about 60 percent.", 0.60),
                Arguments.of("I am 95% confident in this answer.", 0.95),
                Arguments.of("Confidence: 100", 1.0),
                Arguments.of("Confidence: 0", 0.0),
                Arguments.of("Confidence: 1", 0.01),
                Arguments.of("Confidence: 1.0", 1.0),
                Arguments.of("confidence: 40\nActually, on reflection.\nConfidence: 75", 0.75));
    }

    @ParameterizedTest
    @MethodSource("ratings")
    void verbalisedConfidenceParses(String reply, double expected) {
        OptionalDouble v = VerbalisedConfidence.parse(reply);
        assertTrue(v.isPresent(), reply);
        assertEquals(expected, v.getAsDouble(), 1e-12, reply);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"Confidence: high", "Confidence: 250", "Answer: 42", "I'm fairly sure."})
    void verbalisedConfidenceAbsent(String reply) {
        assertFalse(VerbalisedConfidence.parse(reply).isPresent(), reply);
    }

    @Test
    void consistencyIsMajorityShareWithUnparseableInTheDenominator() {
        assertEquals(3.0 / 5, SelfConsistency.agreement(Arrays.asList("B", "B", "C", "B", null)), 1e-12);
        assertEquals(1.0, SelfConsistency.agreement(List.of("42", "42")), 1e-12);
        assertEquals(0.0, SelfConsistency.agreement(Arrays.asList(null, null)), 1e-12);
        assertEquals(0.25, SelfConsistency.agreement(List.of("1", "2", "3", "4")), 1e-12);
    }
}
