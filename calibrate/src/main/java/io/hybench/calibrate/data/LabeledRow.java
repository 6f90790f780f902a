package io.hybench.calibrate.data;

/**
 * One labeled query. {@code scores} holds the mapped score columns in mapping order, already turned
 * so that a higher value means "keep it local". {@code prompt} and {@code category} may be null.
 * {@code source} is {@code file:line} for error messages and provenance.
 */
public record LabeledRow(String id, String prompt, String category, double[] scores,
                         SideOutcome local, SideOutcome cloud, String source) {
}
