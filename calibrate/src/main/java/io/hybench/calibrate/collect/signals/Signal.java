package io.hybench.calibrate.collect.signals;

/**
 * A confidence signal, one output column each ({@code <side>_<column>}); higher always means more
 * confident, so every one is a {@code HIGHER_MEANS_LOCAL} score for the calibrator.
 */
public enum Signal {
    /** Probability of the chosen option letter renormalised over the option letters (multiple choice). */
    CHOICE_PROBABILITY("p_choice"),
    /** Renormalised probability of the most likely option minus that of the second (multiple choice). */
    CHOICE_MARGIN("choice_margin"),
    /** Mean natural-log probability of the answer's tokens. */
    MEAN_LOGPROB("mean_logprob"),
    /** Smallest natural-log probability among the answer's tokens. */
    MIN_LOGPROB("min_logprob"),
    /** Share of k samples at temperature > 0 that give the majority answer. */
    CONSISTENCY("consistency"),
    /** The model's own 0-100 rating, as a fraction in [0,1]. */
    VERBALISED("verbalised");

    private final String column;

    Signal(String column) {
        this.column = column;
    }

    public String column() {
        return column;
    }

    /** Whether a score column holds this signal: collect names it {@code <side>_<column>}; a bare column name counts too. */
    public boolean names(String scoreColumn) {
        return scoreColumn.equals(column) || scoreColumn.endsWith("_" + column);
    }
}
