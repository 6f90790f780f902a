package io.hybench.calibrate.policy;

/** Which policy family a calibration fits. */
public enum PolicyKind {
    CASCADE,
    PRE_ROUTE,
    TWO_STAGE
}
