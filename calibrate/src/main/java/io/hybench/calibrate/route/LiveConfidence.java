package io.hybench.calibrate.route;

import io.hybench.bench.client.TokenLogprob;
import io.hybench.calibrate.collect.grade.Extraction;
import io.hybench.calibrate.collect.grade.TextExtractor;
import io.hybench.calibrate.collect.signals.LogprobSignals;
import io.hybench.calibrate.router.Confidence;

import java.util.List;
import java.util.Optional;

/**
 * The cascade's confidence in a live local answer, computed as collect computes {@code mean_logprob}:
 * the mean logprob of the tokens covering the answer ({@link LogprobSignals#covering}, summed in order as
 * {@link Confidence#meanTokenLogprob}). The router does not know the question's kind, so it finds the
 * answer as the free-text grader does (the rest of the line after the last "Answer:", else a one-line
 * reply); for the reply formats collect's prompts ask for, numeric and choice answers sit in the same
 * tokens. {@link Span#REPLY} averages every token of the reply instead (as the LiteLLM hook does).
 */
public final class LiveConfidence {
    private LiveConfidence() {
    }

    public enum Span { ANSWER, REPLY }

    /** The confidence, or NaN when there is none: no logprobs, no answer found, or tokens that do not spell the reply. */
    public static double of(String reply, List<TokenLogprob> tokens, Span span) {
        if (tokens.isEmpty()) return Double.NaN;
        int start = 0, end = reply.length();
        if (span == Span.ANSWER) {
            Optional<Extraction> answer = TextExtractor.extract(reply);
            if (answer.isEmpty()) return Double.NaN;
            start = answer.get().start();
            end = answer.get().end();
        }
        List<Integer> covering = LogprobSignals.covering(tokens, reply, start, end);
        if (covering == null || covering.isEmpty()) return Double.NaN;
        double[] lps = new double[covering.size()];
        for (int i = 0; i < lps.length; i++) lps[i] = tokens.get(covering.get(i)).logprob();
        return Confidence.meanTokenLogprob(lps);
    }
}
