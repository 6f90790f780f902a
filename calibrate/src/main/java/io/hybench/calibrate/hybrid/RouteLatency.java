package io.hybench.calibrate.hybrid;

import io.hybench.bench.metrics.Percentiles;

/** User-visible latency of the requests of one route: TTFT of those with content, E2E of those that succeeded. */
public record RouteLatency(long requests, Percentiles ttftMs, Percentiles e2eMs) {
}
