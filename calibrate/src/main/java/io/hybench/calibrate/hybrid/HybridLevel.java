package io.hybench.calibrate.hybrid;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.hybench.bench.metrics.Percentiles;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What users of one target saw at one load level (all repetitions pooled). Definitions: docs/metrics.md,
 * "Hybrid". The groups are nested for readers of the code; in hybrid.json each level stays one flat object
 * ({@link JsonUnwrapped}).
 *
 * @param at         which target at which load
 * @param answers    how many were measured, how many were right and which routes they took
 * @param shares     the route shares
 * @param costPer1k  1000 x mean cost per successful request, in the run's cost unit, bootstrap interval;
 *                   NaN when a leg's cost is unknown
 * @param latency    what users waited
 * @param throughput bench's level figures
 * @param trusted    every repetition passed bench's self-checks (Little's law, harness lag, ...)
 */
public record HybridLevel(@JsonUnwrapped At at, @JsonUnwrapped Answers answers, @JsonUnwrapped RouteShares shares, Estimate costPer1k,
                          @JsonUnwrapped Latency latency, @JsonUnwrapped Throughput throughput, boolean trusted) {
    /** The TTFT the seed promises for most requests. */
    public static final double FAST_TTFT_MS = 100;

    /**
     * @param target target name
     * @param role   what it stands for
     * @param mode   "closed" or "open"
     * @param load   users or requests/s
     */
    public record At(String target, Role role, String mode, double load) {
    }

    /**
     * @param requests measured requests
     * @param accuracy correct answers / measured requests (a failed request counts as wrong), Wilson interval
     * @param routes   measured requests per route taken, in route-name order
     */
    public record Answers(long requests, Proportion accuracy, Map<String, Long> routes) {
        public Answers {
            routes = sorted(routes);
        }
    }

    /**
     * Shares of the requests with a known route.
     *
     * @param localShare     answered by the local model (local, local-degraded)
     * @param escalationRate escalated (escalated, local-degraded)
     * @param spillRate      spilled
     * @param fallbackRate   fallback
     */
    public record RouteShares(Proportion localShare, Proportion escalationRate, Proportion spillRate, Proportion fallbackRate) {
    }

    /**
     * @param ttftMs         user-visible TTFT percentiles (merged histogram)
     * @param e2eMs          user-visible E2E percentiles
     * @param byRoute        the same, per route taken, in route-name order
     * @param ttftUnder100Ms requests whose first token came within {@link #FAST_TTFT_MS} / measured requests
     */
    public record Latency(Percentiles ttftMs, Percentiles e2eMs, Map<String, RouteLatency> byRoute, Proportion ttftUnder100Ms) {
        public Latency {
            byRoute = sorted(byRoute);
        }
    }

    /**
     * @param requestsPerSecond successful requests/s (bench's level figure)
     * @param goodputPerSecond  requests meeting every SLO per second (bench's level figure)
     */
    public record Throughput(double requestsPerSecond, double goodputPerSecond) {
    }

    /** Written in key order, so that hybrid.json is the same bytes for the same run. */
    private static <V> Map<String, V> sorted(Map<String, V> m) {
        return Collections.unmodifiableMap(new TreeMap<>(m));
    }
}
