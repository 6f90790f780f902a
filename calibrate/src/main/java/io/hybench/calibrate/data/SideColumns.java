package io.hybench.calibrate.data;

/**
 * Column names for one side of a labeled row. {@code correct} is required; the rest may be null.
 * {@code model} is not a column: it names the model for price look-up and exports.
 */
public record SideColumns(String model, String correct, String inputTokens, String outputTokens,
                          String latencyMs, String costUsd) {
    public static SideColumns of(String model, String correct) {
        return new SideColumns(model, correct, null, null, null, null);
    }

    SideColumns merge(SideColumns over) {
        if (over == null) return this;
        return new SideColumns(pick(over.model, model), pick(over.correct, correct), pick(over.inputTokens, inputTokens),
                pick(over.outputTokens, outputTokens), pick(over.latencyMs, latencyMs), pick(over.costUsd, costUsd));
    }

    static String pick(String over, String base) {
        return over != null ? over : base;
    }
}
