package io.hybench.calibrate.route;

import java.util.Locale;

/**
 * Where a request's answer came from, as {@code x-hybench-route} says and {@code /metrics} counts it.
 * SPILLED and FALLBACK reach the cloud without the local answer being scored, so neither is an escalation.
 * (There is no pre-routed "cloud": the router refuses specs with a pre-generation score, see
 * {@link HybridRouteServer#requireLive}.)
 */
public enum RouteTaken {
    /** the local answer, kept by the cascade */
    LOCAL,
    /** the local answer scored below the threshold; the cloud answered */
    ESCALATED,
    /** local was at its in-flight limit (and queue time): straight to the cloud */
    SPILLED,
    /** the local call failed or gave no scorable answer: the cloud answered */
    FALLBACK,
    /** escalated, but the cloud failed: the local answer after all */
    LOCAL_DEGRADED;

    public String header() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
