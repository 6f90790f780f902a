package io.hybench.calibrate.data;

/**
 * Which way a score column points. Policies keep a query local when its score is at least the
 * threshold, so a score where higher means "send it to the cloud" (RouteLLM's strong-win rate) is
 * negated on load.
 */
public enum ScoreSense {
    HIGHER_MEANS_LOCAL,
    HIGHER_MEANS_CLOUD;

    /** The score as policies read it (its own inverse: orienting an oriented score gives the raw one back). */
    public double orient(double raw) {
        return this == HIGHER_MEANS_LOCAL ? raw : -raw;
    }
}
