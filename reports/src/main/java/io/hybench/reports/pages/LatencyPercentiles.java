package io.hybench.reports.pages;

/** Percentiles of one latency metric at one step, in milliseconds, of successful requests. */
public record LatencyPercentiles(Estimate p50Ms, Estimate p90Ms, Estimate p95Ms, Estimate p99Ms, Estimate p999Ms, double maxMs) {
}
