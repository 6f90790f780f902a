package io.hybench.bench.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hybench.core.stats.ConfidenceInterval;

import java.util.List;
import java.util.Map;

/**
 * One load level of one target over all its repetitions: what the sweep table and the collapse
 * analysis use. With one repetition it restates that step (its throughput interval is the step's
 * bootstrap); with several, rates are means with Student's t intervals across repetitions, and
 * latencies come from the repetitions' histograms added together.
 *
 * @param target     target name
 * @param mode       "closed", "open" or "trace"
 * @param load       users or requests/s
 * @param steps      indices of the steps (repetitions) behind this level
 * @param complete   every repetition ran to its end
 * @param trusted    every repetition passed its self-checks
 * @param outcome    pooled counts of all repetitions
 * @param throughput rates with their intervals
 * @param latencyMs  percentiles per metric from the merged histograms
 * @param requestTimingUncertaintyMs the measured requests' own timing uncertainty, from the repetitions' histograms added;
 *                   null when read from a summary.json of format 2 or 3, which has none
 */
public record LevelSummary(String target, String mode, double load, List<Integer> steps, boolean complete, boolean trusted,
                           Outcome outcome, Throughput throughput, Map<Metric, Percentiles> latencyMs,
                           @JsonInclude(JsonInclude.Include.NON_NULL) RequestTimingUncertainty requestTimingUncertaintyMs) {
    public LevelSummary {
        steps = List.copyOf(steps);
        latencyMs = Map.copyOf(latencyMs);
    }

    /**
     * @param requests     measured requests, all repetitions
     * @param succeeded    of which succeeded
     * @param errorRate    failed / requests, pooled
     * @param goodFraction requests meeting every SLO / requests, pooled
     * @param meetsSlos    goodFraction >= the SLO's attainment
     */
    public record Outcome(long requests, long succeeded, double errorRate, double goodFraction, boolean meetsSlos) {
    }

    /**
     * @param outputTokensPerSecond aggregate output tokens/s with its interval
     * @param requestsPerSecond     successful requests/s with its interval
     * @param goodputPerSecond      goodput with its interval
     */
    public record Throughput(ConfidenceInterval outputTokensPerSecond, ConfidenceInterval requestsPerSecond,
                             ConfidenceInterval goodputPerSecond) {
    }
}
