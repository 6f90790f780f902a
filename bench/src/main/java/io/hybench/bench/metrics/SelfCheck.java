package io.hybench.bench.metrics;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * The harness's check on its own measurements of one step (docs/metrics.md, "Self-checks"). The parts group the
 * checks for readers of the code; on the wire they stay one flat object ({@link JsonUnwrapped}).
 *
 * @param littleLaw        observed requests in flight against Little's law
 * @param scheduleLagP99Ms P99 of how late the harness dispatched requests
 * @param lateness         how late the harness's threads woke and stamped; NaN where not measured
 * @param timing           how uncertain the arrival stamps are against what the latencies can carry
 * @param harnessCpu       the harness's CPU over the step
 * @param trusted          false when any check failed
 * @param warnings         one line per failed check, saying what and by how much
 */
public record SelfCheck(@JsonUnwrapped LittleLaw littleLaw, double scheduleLagP99Ms, @JsonUnwrapped StepStats.Lateness lateness,
                        @JsonUnwrapped Timing timing, @JsonUnwrapped HarnessCpu harnessCpu, boolean trusted, List<String> warnings) {
    public SelfCheck {
        warnings = List.copyOf(warnings);
    }

    /** A check built from its parts: trusted exactly when no check left a warning. */
    public static SelfCheck of(LittleLaw littleLaw, double scheduleLagP99Ms, StepStats.Lateness lateness, Timing timing,
                               HarnessCpu harnessCpu, List<String> warnings) {
        return new SelfCheck(littleLaw, scheduleLagP99Ms, lateness, timing, harnessCpu, warnings.isEmpty(), warnings);
    }

    /**
     * @param meanInFlight time-averaged measured requests in flight, observed by the harness
     * @param predicted    throughput x mean latency (Little's law) from the recorded times
     * @param gap          |observed - predicted| / max(observed, predicted); NaN when both are 0
     */
    public record LittleLaw(double meanInFlight, @JsonProperty("littleLawInFlight") double predicted,
                            @JsonProperty("littleLawGap") double gap) {
    }

    /**
     * @param uncertaintyMs how late an arrival stamp may be: {@link Metrics#timingUncertaintyMs}; NaN when not measured
     * @param toleranceMs   the uncertainty the step's latencies can carry: {@link Metrics#timingToleranceMs}
     */
    public record Timing(@JsonProperty("timingUncertaintyMs") double uncertaintyMs,
                         @JsonProperty("timingToleranceMs") double toleranceMs) {
    }

    /** @param mean mean harness CPU over the step, fraction of all cores (NaN if unknown); @param max highest one-second harness CPU */
    public record HarnessCpu(@JsonProperty("harnessCpuMean") double mean, @JsonProperty("harnessCpuMax") double max) {
    }
}
