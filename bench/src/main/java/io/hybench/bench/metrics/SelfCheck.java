package io.hybench.bench.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.ArrayList;
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
     * How uncertain each latency's stamps are against what the latencies can carry (docs/metrics.md, "Timing
     * uncertainty"); a part not measured is NaN; the TTFT and E2E parts are null (absent) in files written before they
     * existed (summary format 4 and older).
     *
     * @param uncertaintyMs     how late any arrival stamp may be, the figure for every token: {@link Metrics#timingUncertaintyMs}
     * @param ttftUncertaintyMs P99 over the requests of their TTFT's end-stamp uncertainty ({@link Metrics#ttftTimingUncertaintyNanos})
     * @param e2eUncertaintyMs  P99 over the successful requests of their E2E's ({@link Metrics#e2eTimingUncertaintyNanos})
     * @param toleranceMs       the uncertainty the step's latencies can carry: {@link Metrics#timingToleranceMs}
     */
    public record Timing(@JsonProperty("timingUncertaintyMs") double uncertaintyMs,
                         @JsonProperty("ttftTimingUncertaintyMs") @JsonInclude(JsonInclude.Include.NON_NULL) Double ttftUncertaintyMs,
                         @JsonProperty("e2eTimingUncertaintyMs") @JsonInclude(JsonInclude.Include.NON_NULL) Double e2eUncertaintyMs,
                         @JsonProperty("timingToleranceMs") double toleranceMs) {
        /** The largest part: how far the step's least certain latency may be off; NaN when none was measured. */
        public double largestMs() {
            double max = Double.NaN;
            for (double ms : new double[] {uncertaintyMs, orNaN(ttftUncertaintyMs), orNaN(e2eUncertaintyMs)}) {
                if (!Double.isNaN(ms) && !(ms <= max)) max = ms;
            }
            return max;
        }

        /** Which latencies' stamps are more uncertain than the tolerance (TTFT, tokens, E2E); empty when none is. */
        public List<String> uncertainLatencies() {
            List<String> out = new ArrayList<>();
            if (orNaN(ttftUncertaintyMs) > toleranceMs) out.add("TTFT");
            if (uncertaintyMs > toleranceMs) out.add("tokens");
            if (orNaN(e2eUncertaintyMs) > toleranceMs) out.add("E2E");
            return out;
        }

        private static double orNaN(Double ms) {
            return ms == null ? Double.NaN : ms;
        }
    }

    /** @param mean mean harness CPU over the step, fraction of all cores (NaN if unknown); @param max highest one-second harness CPU */
    public record HarnessCpu(@JsonProperty("harnessCpuMean") double mean, @JsonProperty("harnessCpuMax") double max) {
    }
}
