package io.hybench.emulator.profile;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hybench.core.config.Checks;

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

    /** The {@code answers} section: {@code confidence}, {@code reliability} and {@code working}. */
    @JsonCreator
    static AnswerParams fromFile(@JsonProperty(value = "confidence", required = true) Confidence confidence,
                                 @JsonProperty(value = "reliability", required = true) Reliability reliability,
                                 @JsonProperty(value = "working", required = true) Working working) {
        return new AnswerParams(confidence.base, confidence.slope, confidence.spread, reliability, working.medianTokens, working.sigma);
    }

    /** {@code answers.confidence}. */
    record Confidence(double base, double slope, double spread) {
        @JsonCreator
        Confidence(@JsonProperty(value = "base", required = true) double base, @JsonProperty(value = "slope", required = true) double slope,
                   @JsonProperty(value = "spread", required = true) double spread) {
            this.base = Checks.within("base", base, 0, 1);
            this.slope = Checks.within("slope", slope, -1, 1);
            this.spread = Checks.within("spread", spread, 0, 1);
        }
    }

    /** {@code answers.working}. */
    record Working(int medianTokens, double sigma) {
        @JsonCreator
        Working(@JsonProperty(value = "median_tokens", required = true) int medianTokens,
                @JsonProperty(value = "sigma", required = true) double sigma) {
            this.medianTokens = Checks.within("median_tokens", medianTokens, 0, 100_000);
            this.sigma = Checks.within("sigma", sigma, 0, 3);
        }
    }

    /** The stated confidence before clamping and rounding, given the uniform draw {@code u} in [0, 1). */
    public double confidence(double difficulty, double u) {
        double c = confidenceBase - confidenceSlope * (difficulty - 1) + (2 * u - 1) * confidenceSpread;
        double clamped = Math.max(MIN_CONFIDENCE, Math.min(MAX_CONFIDENCE, c));
        return Math.round(clamped * 100) / 100.0;
    }
}
