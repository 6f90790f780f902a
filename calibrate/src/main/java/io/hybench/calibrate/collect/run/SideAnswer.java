package io.hybench.calibrate.collect.run;

import io.hybench.calibrate.collect.grade.Grade;
import io.hybench.calibrate.collect.signals.SignalValues;

import java.util.List;

/**
 * One target's graded answer to one question.
 *
 * @param reply               the graded reply's text
 * @param grade               its grade
 * @param signals             confidence signals (values and reasons for absent ones)
 * @param sampleAnswers       extracted answers of the self-consistency samples (null: unparseable)
 * @param inputTokens         prompt tokens of the graded request, null when the server did not say
 * @param outputTokens        generated tokens of the graded request, null when unknown
 * @param sampleInputTokens   prompt tokens of all samples together, null when unknown or no samples
 * @param sampleOutputTokens  generated tokens of all samples together
 * @param latencyMs           end-to-end latency of the graded request
 * @param finishReason        the server's finish reason for the graded request
 */
public record SideAnswer(String reply, Grade grade, SignalValues signals, List<String> sampleAnswers,
                         Integer inputTokens, Integer outputTokens, Integer sampleInputTokens, Integer sampleOutputTokens,
                         double latencyMs, String finishReason) {
}
