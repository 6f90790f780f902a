package io.hybench.calibrate.hybrid;

import io.hybench.bench.metrics.Percentiles;

/**
 * What the calibration predicts for the routed target at one load level: the offline what-if over the
 * labeled rows (load-independent: accuracy, route shares, cost) and a latency mix of the parts' own
 * measured latencies at the same load (docs/metrics.md, "Hybrid").
 *
 * @param load           users or requests/s
 * @param accuracy       mean quality of the routed rows, bootstrap interval
 * @param localShare     rows kept local, bootstrap interval
 * @param escalationRate rows escalated, Wilson interval
 * @param costPer1k      1000 x mean routed cost per row, bootstrap interval, in {@link HybridSummary.Prediction#costUnit}
 * @param ttftMs         user-visible TTFT of the mix: kept = the local part's E2E (a cascade answers once scored),
 *                       escalated = local E2E + the cloud part's TTFT; NaN when a part was not measured at this load
 * @param e2eMs          E2E of the mix: kept = local E2E, escalated = local E2E + cloud E2E
 * @param ttftUnder100Ms share of the mix's draws whose TTFT is under 100 ms
 */
public record PredictedLevel(double load, Estimate accuracy, Estimate localShare, Estimate escalationRate, Estimate costPer1k,
                             Percentiles ttftMs, Percentiles e2eMs, double ttftUnder100Ms) {
}
