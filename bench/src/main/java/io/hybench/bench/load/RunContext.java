package io.hybench.bench.load;

import io.hybench.bench.context.GpuMonitor;

import java.net.http.HttpClient;

/**
 * What every step of a run shares besides the targets' clients: an HTTP client for asking servers about
 * themselves, and the run's GPU readings.
 */
record RunContext(HttpClient http, GpuMonitor gpu) {
}
