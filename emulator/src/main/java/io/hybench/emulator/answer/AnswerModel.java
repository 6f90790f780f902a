package io.hybench.emulator.answer;

import io.hybench.emulator.profile.AnswerParams;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The emulated model's answers to keyed questions. The stated confidence c depends only on (emulator
 * seed, question id); whether an answer is right is drawn with probability {@code reliability(c)} from
 * (emulator seed, question id, sampling), so greedy requests repeat exactly and seeded samples are
 * independent of each other and of the greedy answer. A wrong answer is always a different one: another
 * option letter, a different number, a different text.
 */
public final class AnswerModel {
    private static final long CONFIDENCE_SALT = 0x243F6A8885A308D3L;
    private static final long ANSWER_SALT = 0x13198A2E03707344L;

    private final AnswerParams params;
    private final long seed;
    private final List<String> textGolds;

    /** {@code key} supplies plausible wrong answers for free-text questions (other questions' answers). */
    public AnswerModel(AnswerParams params, long seed, AnswerKey key) {
        this.params = params;
        this.seed = seed;
        this.textGolds = key.entries().stream().filter(e -> e.kind() == AnswerKey.Kind.TEXT)
                .sorted(Comparator.comparing(AnswerKey.Entry::id)).map(AnswerKey.Entry::gold).distinct().toList();
    }

    public AnswerParams params() {
        return params;
    }

    /** The stated confidence for {@code q}: the same for every request of that question. */
    public double confidence(AnswerKey.Entry q) {
        SplittableRandom r = new SplittableRandom(Draws.mix(seed ^ Draws.mix(Draws.hash(q.id()) ^ CONFIDENCE_SALT)));
        return params.confidence(q.difficulty(), r.nextDouble());
    }

    public AnswerDraw draw(AnswerKey.Entry q, Sampling sampling) {
        double c = confidence(q);
        SplittableRandom r = new SplittableRandom(Draws.mix(seed * 0x9E3779B97F4A7C15L ^ Draws.mix(Draws.hash(q.id()) ^ ANSWER_SALT) ^ sampling.key()));
        boolean correct = r.nextDouble() < params.reliability().probability(c);
        String wrong = wrong(q, r);
        String answer = correct ? q.gold() : wrong;
        String alternative = q.kind() == AnswerKey.Kind.MULTIPLE_CHOICE ? null : correct ? wrong : q.gold();
        int working = params.workingMedianTokens() == 0 ? 0
                : (int) Math.max(1, Math.round(params.workingMedianTokens() * Math.exp(params.workingSigma() * r.nextGaussian())));
        return new AnswerDraw(q.id(), c, correct, answer, alternative, working, r.nextLong());
    }

    /** A wrong answer, always different from the gold one. */
    String wrong(AnswerKey.Entry q, SplittableRandom r) {
        return switch (q.kind()) {
            case MULTIPLE_CHOICE -> {
                int n = q.options().size();
                int other = (q.goldIndex() + 1 + r.nextInt(n - 1)) % n;
                yield String.valueOf((char) ('A' + other));
            }
            case NUMERIC -> wrongNumber(new BigDecimal(q.gold()), r);
            case TEXT -> wrongText(q.gold(), r);
        };
    }

    /**
     * The gold moved by ±1..9 steps, a step being one unit of the gold's last decimal or a tenth of its
     * order of magnitude, whichever is larger: at least 1% away, written with the gold's decimals.
     */
    static String wrongNumber(BigDecimal gold, SplittableRandom r) {
        int scale = Math.max(0, gold.stripTrailingZeros().scale());
        BigDecimal step = BigDecimal.ONE.movePointLeft(scale);
        if (gold.signum() != 0) {
            int magnitude = gold.abs().precision() - gold.abs().scale() - 1; // floor(log10 |gold|)
            BigDecimal tenth = BigDecimal.ONE.movePointRight(magnitude - 1);
            if (tenth.compareTo(step) > 0) step = tenth;
        }
        int m = 1 + r.nextInt(9);
        BigDecimal delta = step.multiply(BigDecimal.valueOf(r.nextBoolean() ? m : -m));
        return gold.add(delta).setScale(scale, java.math.RoundingMode.UNNECESSARY).toPlainString();
    }

    /** A date 1-9 days off for an ISO date; otherwise another question's answer, or "unknown". */
    String wrongText(String gold, SplittableRandom r) {
        try {
            LocalDate d = LocalDate.parse(gold.strip());
            int days = 1 + r.nextInt(9);
            return d.plusDays(r.nextBoolean() ? days : -days).toString();
        } catch (DateTimeParseException notADate) {
            List<String> others = textGolds.stream().filter(g -> !g.equalsIgnoreCase(gold)).toList();
            if (!others.isEmpty()) return others.get(r.nextInt(others.size()));
            return gold.equalsIgnoreCase("unknown") ? "I do not know" : "unknown";
        }
    }
}
