package io.hybench.calibrate.collect.run;

import io.hybench.calibrate.collect.grade.Grade;
import io.hybench.calibrate.collect.signals.SignalValues;
import io.hybench.bench.client.RequestRecord;
import io.hybench.calibrate.cost.ModelPrice;

import java.util.List;

/**
 * One target's graded answer to one question.
 *
 * @param reply        the graded reply's text
 * @param grade        its grade
 * @param signals      confidence signals (values and reasons for absent ones)
 * @param usage        tokens of the graded request
 * @param samples      the self-consistency samples (none when not configured)
 * @param latencyMs    end-to-end latency of the graded request
 * @param finishReason the server's finish reason for the graded request
 */
public record SideAnswer(String reply, Grade grade, SignalValues signals, Usage usage, Samples samples,
                         double latencyMs, String finishReason) {

    /**
     * Server-counted tokens; input or output is null when the server did not say. Of the input tokens,
     * {@code cachedInputTokens} were read from and {@code cacheWriteInputTokens} written to its prompt cache (0 when
     * it reported none).
     */
    public record Usage(Integer inputTokens, Integer outputTokens, int cachedInputTokens, int cacheWriteInputTokens) {
        static final Usage ZERO = new Usage(0, 0, 0, 0);
        static final Usage UNKNOWN = new Usage(null, null, 0, 0);

        /** A request's usage as its record has it. */
        static Usage of(RequestRecord.Tokens t) {
            return new Usage(t.inputTokens(), t.outputTokens(), orZero(t.cachedInputTokens()), orZero(t.cacheWriteInputTokens()));
        }

        /** This and another request's counts; a count stays unknown once one of its parts is. */
        Usage plus(RequestRecord.Tokens t) {
            return new Usage(sum(inputTokens, t.inputTokens()), sum(outputTokens, t.outputTokens()),
                    cachedInputTokens + orZero(t.cachedInputTokens()), cacheWriteInputTokens + orZero(t.cacheWriteInputTokens()));
        }

        /** USD at {@code price}, cached and cache-written tokens at its cache prices; null without a price or with an unknown count. */
        Double costUsd(ModelPrice price) {
            return price == null || inputTokens == null || outputTokens == null ? null
                    : price.costUsd(inputTokens, cachedInputTokens, cacheWriteInputTokens, outputTokens);
        }

        private static Integer sum(Integer a, Integer b) {
            return a == null || b == null ? null : a + b;
        }

        private static int orZero(Integer n) {
            return n == null ? 0 : n;
        }
    }

    /**
     * @param answers extracted answers of the self-consistency samples (null entry: unparseable)
     * @param usage   tokens of all samples together ({@link Usage#UNKNOWN} when there are none)
     */
    public record Samples(List<String> answers, Usage usage) {
    }
}
