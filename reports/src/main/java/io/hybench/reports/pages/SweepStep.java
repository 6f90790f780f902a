package io.hybench.reports.pages;

import io.hybench.bench.metrics.RequestTimingUncertainty;

import java.util.List;
import java.util.Map;

/**
 * One step of a sweep for one target.
 *
 * @param load                  concurrency or arrival rate of the step
 * @param requestsPerSecond     successful requests per second
 * @param outputTokensPerSecond aggregate output tokens per second
 * @param goodputPerSecond      requests per second meeting every SLO
 * @param succeeded             successful requests in the window
 * @param failed                failed requests in the window
 * @param latency               percentiles per metric; a metric not measured is absent
 * @param timingUncertaintyMs   how late the client's arrival stamps may be (the largest over repetitions,
 *                              docs/metrics.md "Timing uncertainty"); NaN when not measured
 * @param requestTimingUncertaintyMs the requests' own timing uncertainty over all repetitions (docs/metrics.md, "Request
 *                              timing uncertainty per step"); null when the summary predates it (format 3 or older)
 * @param warnings              why this step's numbers should not be trusted (Little's law, client lag); empty when fine
 */
public record SweepStep(double load, Estimate requestsPerSecond, Estimate outputTokensPerSecond, Estimate goodputPerSecond,
                        long succeeded, long failed, Map<LatencyMetric, LatencyPercentiles> latency, double timingUncertaintyMs,
                        RequestTimingUncertainty requestTimingUncertaintyMs, List<String> warnings) {
    public SweepStep {
        latency = Map.copyOf(latency);
        warnings = List.copyOf(warnings);
    }

    public double errorRate() {
        long total = succeeded + failed;
        return total == 0 ? Double.NaN : (double) failed / total;
    }
}
