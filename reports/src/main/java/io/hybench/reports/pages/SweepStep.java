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
 * @param timingUncertaintyMs   how far the client's stamps of each latency may be off (the largest over repetitions,
 *                              docs/metrics.md "Timing uncertainty")
 * @param requestTimingUncertaintyMs the requests' own timing uncertainty over all repetitions (docs/metrics.md, "Request
 *                              timing uncertainty per step"); null when the summary predates it (format 3 or older)
 * @param warnings              why this step's numbers should not be trusted (Little's law, client lag); empty when fine
 */
public record SweepStep(double load, Estimate requestsPerSecond, Estimate outputTokensPerSecond, Estimate goodputPerSecond,
                        long succeeded, long failed, Map<LatencyMetric, LatencyPercentiles> latency, Timing timingUncertaintyMs,
                        RequestTimingUncertainty requestTimingUncertaintyMs, List<String> warnings) {
    public SweepStep {
        latency = Map.copyOf(latency);
        warnings = List.copyOf(warnings);
    }

    /**
     * The self-check's timing uncertainty per latency, each the largest over the repetitions; NaN where not measured or
     * where the summary predates it (TTFT and E2E: format 4 or older).
     *
     * @param ttftMs  of the TTFT's end stamps (P99 over the requests)
     * @param tokenMs of every arrival stamp (the reads' P99), which the inter-token gaps carry
     * @param e2eMs   of the E2E's end stamps (P99 over the successful requests)
     */
    public record Timing(double ttftMs, double tokenMs, double e2eMs) {
        public static final Timing NOT_MEASURED = new Timing(Double.NaN, Double.NaN, Double.NaN);
    }

    public double errorRate() {
        long total = succeeded + failed;
        return total == 0 ? Double.NaN : (double) failed / total;
    }
}
