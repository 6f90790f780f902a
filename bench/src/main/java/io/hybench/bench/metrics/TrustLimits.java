package io.hybench.bench.metrics;

/**
 * When the harness stops trusting its own measurements of a step (docs/metrics.md, "Self-checks").
 *
 * @param maxScheduleLagP99Ms   P99 of how late requests were dispatched against their schedule
 * @param maxHarnessCpuFraction mean process CPU of the harness as a fraction of all cores
 * @param littleLawTolerance    allowed relative gap between measured mean in-flight and throughput x mean latency
 * @param maxHiccupP99Ms        P99 of how late a harness thread woke up: every arrival stamp can be this late
 * @param timingToleranceFraction the timing error a step may carry, as a fraction of the shortest latency it
 *                              measured (P50 inter-token gap, else P50 TTFT); see {@link Metrics#timingToleranceMs}
 * @param minTimingToleranceMs  the tolerance never goes below this (a clock read and a loopback hop cost that much)
 */
public record TrustLimits(double maxScheduleLagP99Ms, double maxHarnessCpuFraction, double littleLawTolerance, double maxHiccupP99Ms,
                          double timingToleranceFraction, double minTimingToleranceMs) {
    public TrustLimits {
        if (!(maxScheduleLagP99Ms > 0)) throw new IllegalArgumentException("maxScheduleLagP99Ms must be > 0");
        if (!(maxHarnessCpuFraction > 0 && maxHarnessCpuFraction <= 1)) throw new IllegalArgumentException("maxHarnessCpuFraction must be in (0, 1]");
        if (!(littleLawTolerance > 0)) throw new IllegalArgumentException("littleLawTolerance must be > 0");
        if (!(maxHiccupP99Ms > 0)) throw new IllegalArgumentException("maxHiccupP99Ms must be > 0");
        if (!(timingToleranceFraction > 0)) throw new IllegalArgumentException("timingToleranceFraction must be > 0");
        if (!(minTimingToleranceMs > 0)) throw new IllegalArgumentException("minTimingToleranceMs must be > 0");
    }

    public static TrustLimits defaults() {
        return new TrustLimits(10.0, 0.8, 0.10, 10.0, 0.10, 1.0);
    }
}
