package io.hybench.emulator.answer;

import io.hybench.emulator.profile.AnswerParams;
import io.hybench.emulator.profile.Reliability;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnswerModelTest {
    static final List<String> WEEKDAYS = List.of("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun");

    static AnswerKey.Entry mc(String id, double difficulty) {
        return new AnswerKey.Entry(id, AnswerKey.Kind.MULTIPLE_CHOICE, WEEKDAYS, "C", difficulty);
    }

    static AnswerModel model(double base, double slope, double spread, Reliability r) {
        return new AnswerModel(new AnswerParams(base, slope, spread, r, 10, 0.5), 42, AnswerKey.NONE);
    }

    @Test
    void confidenceFollowsBaseAndSlopeClampedAndRoundedToHundredths() {
        AnswerModel m = model(0.9, 0.1, 0, new Reliability.Calibrated());
        assertEquals(0.9, m.confidence(mc("a", 1)));
        assertEquals(0.7, m.confidence(mc("b", 3)));
        assertEquals(0.65, m.confidence(mc("c", 3.5)));
        assertEquals(0.02, model(0.2, 0.1, 0, new Reliability.Calibrated()).confidence(mc("d", 5)), "0.2 - 0.4 clamps to 0.02");
        assertEquals(0.99, model(1.0, 0.1, 0, new Reliability.Calibrated()).confidence(mc("e", 1)), "1.0 clamps to 0.99");
    }

    @Test
    void spreadScattersConfidenceUniformlyPerQuestion() {
        AnswerModel m = model(0.7, 0.1, 0.1, new Reliability.Calibrated());
        double[] cs = IntStream.range(0, 4000).mapToDouble(i -> m.confidence(mc("q" + i, 2))).toArray();
        for (double c : cs) {
            assertTrue(c >= 0.5 - 1e-12 && c <= 0.7 + 1e-12, "in 0.6 ± 0.1: " + c);
            assertEquals(Math.round(c * 100), c * 100, 1e-9, "a multiple of 0.01: " + c);
        }
        // U(-0.1, 0.1) has standard deviation 0.2/sqrt(12); its mean over 4000 questions is 0.6 within 4 standard errors
        double mean = java.util.Arrays.stream(cs).average().orElseThrow();
        assertEquals(0.6, mean, 4 * 0.2 / Math.sqrt(12) / Math.sqrt(cs.length));
        assertEquals(m.confidence(mc("q7", 2)), m.confidence(mc("q7", 2)), "the same for every request");
    }

    @Test
    void greedyAnswersRepeatAndSeededSamplesRepeatPerSeed() {
        AnswerModel m = model(0.6, 0, 0, new Reliability.Calibrated());
        for (int i = 0; i < 50; i++) {
            AnswerKey.Entry q = mc("q" + i, 1);
            assertEquals(m.draw(q, new Sampling.Greedy()), m.draw(q, Sampling.of(0.0, 99L, 5)), "temperature 0 ignores the seed");
            assertEquals(m.draw(q, new Sampling.Seeded(3)), m.draw(q, Sampling.of(0.7, 3L, 8)));
        }
        assertEquals(new Sampling.Unseeded(5), Sampling.of(null, null, 5), "server-default temperature without a seed samples afresh");
    }

    /** The share of correct answers is reliability(c) within 4 standard errors, for greedy answers and for samples. */
    @Test
    void correctWithProbabilityReliabilityOfConfidence() {
        AnswerModel m = model(0.8, 0, 0, new Reliability.Power(2)); // c = 0.8, P(correct) = 0.64
        int n = 4000;
        double se = Math.sqrt(0.64 * 0.36 / n);
        long greedy = IntStream.range(0, n).filter(i -> m.draw(mc("q" + i, 1), new Sampling.Greedy()).correct()).count();
        assertEquals(0.64, greedy / (double) n, 4 * se);
        long samples = IntStream.range(0, n).filter(i -> m.draw(mc("one", 1), new Sampling.Seeded(i)).correct()).count();
        assertEquals(0.64, samples / (double) n, 4 * se);
    }

    /** Samples are independent of the greedy answer and of each other: P(both right) = r² within 4 standard errors. */
    @Test
    void samplesAreIndependentDraws() {
        AnswerModel m = model(0.7, 0, 0, new Reliability.Calibrated());
        int n = 4000;
        double both = 0.49, se = Math.sqrt(both * (1 - both) / n);
        long greedyAndSample = IntStream.range(0, n).filter(i -> m.draw(mc("q" + i, 1), new Sampling.Greedy()).correct()
                && m.draw(mc("q" + i, 1), new Sampling.Seeded(0)).correct()).count();
        long twoSamples = IntStream.range(0, n).filter(i -> m.draw(mc("q" + i, 1), new Sampling.Seeded(1)).correct()
                && m.draw(mc("q" + i, 1), new Sampling.Seeded(2)).correct()).count();
        assertEquals(both, greedyAndSample / (double) n, 4 * se);
        assertEquals(both, twoSamples / (double) n, 4 * se);
    }

    @Test
    void wrongChoicesAreTheOtherLettersUniformly() {
        AnswerModel m = model(0.5, 0, 0, new Reliability.Power(1000)); // always wrong
        int[] counts = new int[7];
        int n = 7000;
        for (int i = 0; i < n; i++) {
            AnswerDraw d = m.draw(mc("q" + i, 1), new Sampling.Greedy());
            counts[d.answer().charAt(0) - 'A']++;
            assertEquals(null, d.alternative());
        }
        assertEquals(0, counts[2], "never the gold C");
        double p = 1 / 6.0, se = Math.sqrt(p * (1 - p) / n);
        for (int i = 0; i < 7; i++) if (i != 2) assertEquals(p, counts[i] / (double) n, 4 * se, "letter " + (char) ('A' + i));
    }

    @Property(tries = 300)
    void aWrongNumberIsAtLeastOnePercentOffWithTheGoldsDecimals(@ForAll @LongRange(min = -1_000_000, max = 1_000_000) long unscaled,
                                                               @ForAll @IntRange(min = 0, max = 3) int scale, @ForAll long seed) {
        BigDecimal gold = BigDecimal.valueOf(unscaled, scale);
        BigDecimal wrong = new BigDecimal(AnswerModel.wrongNumber(gold, new SplittableRandom(seed)));
        assertNotEquals(0, wrong.compareTo(gold));
        assertTrue(wrong.scale() <= Math.max(0, gold.stripTrailingZeros().scale()), wrong + " for " + gold);
        if (gold.signum() != 0) {
            assertTrue(wrong.subtract(gold).abs().compareTo(gold.abs().movePointLeft(2)) >= 0, wrong + " for " + gold);
        }
    }

    @Test
    void wrongNumbersKeepTheGoldsForm() {
        assertTrue(AnswerModel.wrongNumber(new BigDecimal("27"), new SplittableRandom(1)).matches("-?\\d+"));
        assertTrue(AnswerModel.wrongNumber(new BigDecimal("12.75"), new SplittableRandom(1)).matches("\\d+\\.\\d{2}"));
    }

    @Test
    void wrongTextsAreOtherDatesOrOtherAnswers() {
        AnswerKey key = AnswerKey.builder()
                .add("p1", new AnswerKey.Entry("t1", AnswerKey.Kind.TEXT, List.of(), "Paris", 1))
                .add("p2", new AnswerKey.Entry("t2", AnswerKey.Kind.TEXT, List.of(), "Rome", 1)).build();
        AnswerModel m = new AnswerModel(new AnswerParams(0.5, 0, 0, new Reliability.Calibrated(), 0, 0), 1, key);
        for (int seed = 0; seed < 50; seed++) {
            LocalDate d = LocalDate.parse(m.wrongText("2027-01-09", new SplittableRandom(seed)));
            long days = Math.abs(d.toEpochDay() - LocalDate.parse("2027-01-09").toEpochDay());
            assertTrue(days >= 1 && days <= 9, d.toString());
            assertEquals("Rome", m.wrongText("Paris", new SplittableRandom(seed)));
        }
        AnswerModel alone = new AnswerModel(new AnswerParams(0.5, 0, 0, new Reliability.Calibrated(), 0, 0), 1, AnswerKey.NONE);
        assertEquals("unknown", alone.wrongText("Paris", new SplittableRandom(1)));
        assertEquals("I do not know", alone.wrongText("Unknown", new SplittableRandom(1)));
    }

    @Test
    void numericAndTextAnswersWeighTheirAlternative() {
        AnswerModel m = model(0.5, 0, 0, new Reliability.Calibrated());
        for (int i = 0; i < 40; i++) {
            AnswerDraw d = m.draw(new AnswerKey.Entry("n" + i, AnswerKey.Kind.NUMERIC, List.of(), "27", 1), new Sampling.Greedy());
            assertEquals(d.correct(), d.answer().equals("27"));
            assertEquals(!d.correct(), d.alternative().equals("27"));
            assertNotEquals(d.answer(), d.alternative());
        }
    }

    @Test
    void keyEntriesAreCheckedAndPromptsMustBeDistinct() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new AnswerKey.Entry("q1", AnswerKey.Kind.MULTIPLE_CHOICE, List.of("x", "y"), "C", 1));
        assertEquals("answer key: question q1: gold 'C' is not one of letters A-B", e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> AnswerKey.builder().add("same", mc("a", 1)).add("same", mc("b", 1)));
        assertTrue(e.getMessage().contains("questions a and b have the same prompt text"), e.getMessage());
    }
}
