package io.hybench.calibrate.hybrid;

import io.hybench.bench.client.RouteHeaders;

import java.util.Locale;

/**
 * Which legs a request took, from the router's {@code x-hybench-route} (docs/router.md). A part asked
 * alone takes its own leg; a routed response without the header (a router of the user's) is
 * {@link #UNKNOWN}: its answer is graded, but its route and legs are not known.
 */
public enum RouteTaken {
    /** The local answer kept. */
    LOCAL(true, false),
    /** The local answer scored below the threshold; the cloud answered. */
    ESCALATED(true, true),
    /** Local was at its in-flight limit: straight to the cloud, unscored. */
    SPILLED(false, true),
    /** The local call failed or gave no confidence; the cloud answered. */
    FALLBACK(true, true),
    /** Escalated, the cloud failed: the local answer after all. */
    LOCAL_DEGRADED(true, true),
    /** Straight to the cloud by a pre-router, or the cloud part asked alone. */
    CLOUD(false, true),
    /** No route header. */
    UNKNOWN(false, false);

    private final boolean localLeg, cloudLeg;

    RouteTaken(boolean localLeg, boolean cloudLeg) {
        this.localLeg = localLeg;
        this.cloudLeg = cloudLeg;
    }

    public boolean localLeg() {
        return localLeg;
    }

    public boolean cloudLeg() {
        return cloudLeg;
    }

    /** The answer the user got came from the local model. */
    public boolean answeredLocally() {
        return this == LOCAL || this == LOCAL_DEGRADED;
    }

    /** The header's value, as written in results ({@code local-degraded}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The route of a routed response's header (null: no header); a value this version does not know is UNKNOWN. */
    public static RouteTaken ofHeader(RouteHeaders h) {
        if (h == null) return UNKNOWN;
        for (RouteTaken r : values()) if (r.label().equals(h.route())) return r;
        return UNKNOWN;
    }

    /** The route of a request by the role of its target. */
    public static RouteTaken of(Role role, RouteHeaders h) {
        return switch (role) {
            case LOCAL_ONLY -> LOCAL;
            case CLOUD_ONLY -> CLOUD;
            case HYBRID -> ofHeader(h);
        };
    }
}
