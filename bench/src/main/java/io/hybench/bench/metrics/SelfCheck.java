package io.hybench.bench.metrics;

import java.util.List;

/**
 * The harness's check on its own measurements of one step (docs/metrics.md, "Self-checks").
 *
 * @param meanInFlight      time-averaged measured requests in flight, observed by the harness
 * @param littleLawInFlight throughput x mean latency (Little's law) from the recorded times
 * @param littleLawGap      |observed - predicted| / max(observed, predicted); NaN when both are 0
 * @param scheduleLagP99Ms  P99 of how late the harness dispatched requests
 * @param hiccupP99Ms       P99 of how late a harness thread woke up during the measured part (GC pauses, CPU
 *                          starvation); NaN when not measured
 * @param stampDelayP99Ms   P99 of how long after its I/O thread's readiness wait returned a read was stamped
 *                          (other sockets' reads handled first, pauses mid-batch); NaN when not measured
 * @param ioLoopLagP99Ms    P99 of how late a timer ran on the client's I/O threads (busy, descheduled, paused)
 * @param timingUncertaintyMs how late an arrival stamp may be: {@link Metrics#timingUncertaintyMs}; NaN when not measured
 * @param timingToleranceMs the uncertainty the step's latencies can carry: {@link Metrics#timingToleranceMs}
 * @param harnessCpuMean    mean harness CPU over the step, fraction of all cores (NaN if unknown)
 * @param harnessCpuMax     highest one-second harness CPU
 * @param trusted           false when any check failed
 * @param warnings          one line per failed check, saying what and by how much
 */
public record SelfCheck(double meanInFlight, double littleLawInFlight, double littleLawGap, double scheduleLagP99Ms,
                        double hiccupP99Ms, double stampDelayP99Ms, double ioLoopLagP99Ms, double timingUncertaintyMs,
                        double timingToleranceMs, double harnessCpuMean, double harnessCpuMax, boolean trusted, List<String> warnings) {
    public SelfCheck {
        warnings = List.copyOf(warnings);
    }
}
