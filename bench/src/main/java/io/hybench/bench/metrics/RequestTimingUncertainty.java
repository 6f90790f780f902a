package io.hybench.bench.metrics;

/**
 * The per-request timing uncertainty of a step's (or level's) measured requests, in milliseconds
 * ({@link Metrics#requestTimingUncertainty}, docs/metrics.md "Per-request timing uncertainty"): read off one histogram
 * of every such request's {@code timingUncertaintyNanos}, merged like the latencies, never percentiles averaged.
 *
 * @param requests        measured requests that have one
 * @param requestsWithout measured requests without one (no I/O thread stamped them, or their file predates it)
 * @param p50Ms           P50 over {@code requests}; NaN when none
 * @param p99Ms           P99 over {@code requests}; NaN when none
 * @param maxMs           the largest; NaN when none
 */
public record RequestTimingUncertainty(long requests, long requestsWithout, double p50Ms, double p99Ms, double maxMs) {
}
