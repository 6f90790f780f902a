package io.hybench.emulator.profile;

import java.util.Objects;

/**
 * How the emulated model answers questions it is given an answer key for (docs/emulator.md, "Answer
 * model"). A question of difficulty d gets the stated confidence
 * c = clamp(confidenceBase − confidenceSlope·(d − 1) + U(−confidenceSpread, confidenceSpread), 0.02, 0.99),
 * rounded to 0.01, and is answered correctly with probability {@code reliability.probability(c)}. Before its
 * "Answer:" line the reply has a lognormal number of filler tokens (the model's working).
 *
 * @param confidenceBase     stated confidence at difficulty 1, before the spread
 * @param confidenceSlope    confidence lost per difficulty step above 1
 * @param confidenceSpread   half-width of the uniform per-question scatter
 * @param reliability        the calibration curve P(correct | c)
 * @param workingMedianTokens median number of filler tokens before the answer line (0: none)
 * @param workingSigma       log-space standard deviation of that number
 */
public record AnswerParams(double confidenceBase, double confidenceSlope, double confidenceSpread, Reliability reliability,
                           int workingMedianTokens, double workingSigma) {
    public static final double MIN_CONFIDENCE = 0.02;
    public static final double MAX_CONFIDENCE = 0.99;

    public AnswerParams {
        Objects.requireNonNull(reliability, "reliability");
    }

    /** The stated confidence before clamping and rounding, given the uniform draw {@code u} in [0, 1). */
    public double confidence(double difficulty, double u) {
        double c = confidenceBase - confidenceSlope * (difficulty - 1) + (2 * u - 1) * confidenceSpread;
        double clamped = Math.max(MIN_CONFIDENCE, Math.min(MAX_CONFIDENCE, c));
        return Math.round(clamped * 100) / 100.0;
    }
}
