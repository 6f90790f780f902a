package io.hybench.bench.metrics;

/**
 * The summary of one latency histogram in milliseconds. An empty histogram gives count 0 and NaN
 * everywhere ("not measured"), never zeros.
 */
public record Percentiles(long count, double meanMs, double p50Ms, double p90Ms, double p95Ms, double p99Ms, double p999Ms, double maxMs) {
}
