package io.hybench.bench.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hybench.bench.client.ErrorClass;
import io.hybench.bench.context.SamplingStatus;
import io.hybench.core.stats.ConfidenceInterval;

import java.util.List;
import java.util.Map;

/**
 * Every number reported about one step of a sweep (one target at one load level), over its measured
 * requests; warm-up requests are excluded. Written into summary.json; computed only by
 * {@link StepSummaries#build} from the step's {@link StepStats}.
 *
 * @param step       which step this is
 * @param complete   false when the run was interrupted during this step
 * @param window     the measurement window
 * @param counts     what was counted in it
 * @param rates      rates and fractions over it
 * @param latencyMs  percentiles per metric from the step's interval histograms added up
 * @param chosenPercentilesMs the workload's chosen percentiles ({@code percentiles}, {@code bench --percentiles}) per
 *                   metric, read off the same histograms, keyed by {@link ChosenPercentiles#label} ({@code p99.9}) in
 *                   ascending order; null when read from a summary.json of format 2, which has none
 * @param intervals  confidence intervals of the headline figures
 * @param selfCheck  whether the harness trusts these numbers, and why not
 * @param requestTimingUncertaintyMs the measured requests' own timing uncertainty, beside the self-check's step-wide
 *                   figure; null when read from a summary.json of format 2 or 3, which has none
 * @param context    what was sampled besides the requests
 * @param stopped    why the step stopped before its end (over-saturation, {@code run.stopOnOverSaturation}); null,
 *                   and absent, when it ran its course
 */
public record StepSummary(StepId step, boolean complete, Window window, Counts counts, Rates rates,
                          Map<Metric, Percentiles> latencyMs, @JsonInclude(JsonInclude.Include.NON_NULL) Map<Metric, Map<String, Double>> chosenPercentilesMs,
                          ConfidenceIntervals intervals, SelfCheck selfCheck,
                          @JsonInclude(JsonInclude.Include.NON_NULL) RequestTimingUncertainty requestTimingUncertaintyMs, Context context,
                          @JsonInclude(JsonInclude.Include.NON_NULL) OverSaturation.Verdict stopped) {

    public StepSummary {
        latencyMs = Map.copyOf(latencyMs);
        chosenPercentilesMs = chosenPercentilesMs == null ? null : Metrics.inMetricOrder(chosenPercentilesMs);
    }

    /**
     * @param index      step number within the run, from 0
     * @param target     target name
     * @param mode       "closed", "open" or "trace"
     * @param load       users (closed), target requests/s (open) or rate factor (trace)
     * @param repetition which run of this load level, from 0
     */
    public record StepId(int index, String target, String mode, double load, int repetition) {
    }

    /**
     * @param startNanos      run-relative start of the measurement window (end of warm-up)
     * @param endNanos        run-relative end: when the last measured request ended
     * @param loadWindowNanos time from the window's start to the end of the load (the step's duration, or its last
     *                        measured send), in whole 10 ms bins: the denominator of output tokens/s
     */
    public record Window(long startNanos, long endNanos, long loadWindowNanos) {
    }

    /**
     * @param requests       measured requests that ended
     * @param succeeded      of which succeeded
     * @param errors         failed measured requests per error class
     * @param warmupRequests requests sent during warm-up (not measured)
     * @param outputTokens   output tokens of successful measured requests
     * @param stillInFlight  requests that had not ended when the step stopped: missing from every figure
     */
    public record Counts(long requests, long succeeded, Map<ErrorClass, Long> errors, long warmupRequests, long outputTokens,
                         long stillInFlight) {
        public Counts {
            errors = Map.copyOf(errors);
        }

        public long failed() {
            return requests - succeeded;
        }
    }

    /**
     * @param requestsPerSecond     successful requests / window
     * @param outputTokensPerSecond output tokens delivered (by chunk arrival, warm-up requests included) during the
     *                              load window / load window
     * @param goodputPerSecond      requests meeting every SLO / window
     * @param offeredRatePerSecond  measured requests / (last - first intended send): the rate actually offered
     * @param goodFraction          requests meeting every SLO / requests (failures count against)
     * @param meetsSlos             goodFraction >= the SLO's attainment
     * @param errorRate             failed / requests
     * @param cachedInputShare      cached share of prompt tokens ({@link Metrics#cachedInputShare}); null, and absent
     *                              from summary.json, when no request's usage reported cached tokens
     */
    public record Rates(double requestsPerSecond, double outputTokensPerSecond, double goodputPerSecond,
                        double offeredRatePerSecond, double goodFraction, boolean meetsSlos, double errorRate,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Double cachedInputShare) {
    }

    /**
     * @param ttftP99Ms             P99 TTFT with its bootstrap interval
     * @param e2eP99Ms              P99 E2E with its bootstrap interval
     * @param outputTokensPerSecond output tokens/s with a bootstrap interval over its whole seconds (bounds NaN when too few)
     */
    public record ConfidenceIntervals(ConfidenceInterval ttftP99Ms, ConfidenceInterval e2eP99Ms,
                                      ConfidenceInterval outputTokensPerSecond) {
    }

    /**
     * @param hlog                 interval-log file of this step, relative to the run folder
     * @param series               one-second time series of the whole step, warm-up included
     * @param serverContext        whether the series holds the target's own gauges, from where, or why not
     * @param gpu                  whether the series holds GPU readings, or why not
     * @param outputTokensPerJoule output tokens delivered in the load window / GPU energy over it; NaN when GPU power
     *                             was not sampled
     */
    public record Context(String hlog, List<SecondSample> series, SamplingStatus serverContext, SamplingStatus gpu,
                          double outputTokensPerJoule) {
        public Context {
            series = List.copyOf(series);
        }
    }
}
