package io.hybench.calibrate.router;

/**
 * The local side's admission rule: below {@code maxInFlight} local requests a new one is admitted; at
 * the limit it may wait up to {@code maxQueueMs} (0: not at all) for a slot and then spills straight
 * to the cloud. A spill is not an escalation: the local model never saw the query, so it is counted
 * apart. The LiteLLM hook (scripts/litellm/hybench_hook.py, class SpillOver) applies the same rule.
 */
public record SpillOver(int maxInFlight, long maxQueueMs) {
    public SpillOver {
        if (maxInFlight < 1) throw new IllegalArgumentException("local max in-flight must be at least 1, got " + maxInFlight);
        if (maxQueueMs < 0) throw new IllegalArgumentException("local max queue ms must be >= 0, got " + maxQueueMs);
    }

    public enum Admission { ADMIT, WAIT, SPILL }

    /** What a request does with {@code inFlight} local requests running after waiting {@code waitedMs} for a slot. */
    public Admission decide(int inFlight, long waitedMs) {
        if (inFlight < maxInFlight) return Admission.ADMIT;
        return waitedMs < maxQueueMs ? Admission.WAIT : Admission.SPILL;
    }
}
