package io.hybench.calibrate.hybrid;

import io.hybench.bench.metrics.Percentiles;

import java.util.Map;

/**
 * What users of one target saw at one load level (all repetitions pooled). Definitions: docs/metrics.md,
 * "Hybrid".
 *
 * @param target            target name
 * @param role              what it stands for
 * @param mode              "closed" or "open"
 * @param load              users or requests/s
 * @param requests          measured requests
 * @param accuracy          correct answers / measured requests (a failed request counts as wrong), Wilson interval
 * @param routes            measured requests per route taken
 * @param localShare        answered by the local model (local, local-degraded) / requests with a known route
 * @param escalationRate    escalated (escalated, local-degraded) / requests with a known route
 * @param spillRate         spilled / requests with a known route
 * @param fallbackRate      fallback / requests with a known route
 * @param costPer1k         1000 x mean cost per successful request, in the run's cost unit, bootstrap interval;
 *                          NaN when a leg's cost is unknown
 * @param ttftMs            user-visible TTFT percentiles (merged histogram)
 * @param e2eMs             user-visible E2E percentiles
 * @param byRoute           the same, per route taken
 * @param ttftUnder100Ms    requests whose first token came within 100 ms / measured requests
 * @param requestsPerSecond successful requests/s (bench's level figure)
 * @param goodputPerSecond  requests meeting every SLO per second (bench's level figure)
 * @param trusted           every repetition passed bench's self-checks (Little's law, harness lag, ...)
 */
public record HybridLevel(String target, Role role, String mode, double load, long requests, Proportion accuracy,
                          Map<String, Long> routes, Proportion localShare, Proportion escalationRate, Proportion spillRate,
                          Proportion fallbackRate, Estimate costPer1k, Percentiles ttftMs, Percentiles e2eMs,
                          Map<String, RouteLatency> byRoute, Proportion ttftUnder100Ms, double requestsPerSecond,
                          double goodputPerSecond, boolean trusted) {
    /** The TTFT the seed promises for most requests. */
    public static final double FAST_TTFT_MS = 100;

    public HybridLevel {
        routes = Map.copyOf(routes);
        byRoute = Map.copyOf(byRoute);
    }
}
