package io.hybench.calibrate.policy;

/** Where one query ends up, which decides what is paid and whose answer counts. */
public enum Route {
    /** Local answered and was kept: local paid, local answer. */
    LOCAL,
    /** Sent to the cloud before any generation: cloud paid, cloud answer. */
    CLOUD,
    /** Local ran, then escalated: local and cloud paid (and waited for), cloud answer. */
    ESCALATED
}
