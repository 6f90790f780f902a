package io.hybench.calibrate.hybrid;

/** What a target of a hybrid run stands for. */
public enum Role {
    /** The routed endpoint: local first, the cloud on escalation or spill-over. */
    HYBRID,
    /** The local deployment alone. */
    LOCAL_ONLY,
    /** The cloud model alone. */
    CLOUD_ONLY
}
