package io.hybench.calibrate.policy;

/**
 * One operating point of a policy: the share of queries answered locally, mean accuracy (quality),
 * cost per 1,000 queries (in the calibration's cost unit) and mean end-to-end latency in ms (NaN when
 * latencies are unknown).
 */
public record CurvePoint(Policy policy, double shareLocal, double accuracy, double costPer1k, double latencyMs) {

    static CurvePoint of(Policy policy, int n, int localCount, double qualitySum, double costSum, double latencySum) {
        return new CurvePoint(policy, (double) localCount / n, qualitySum / n, 1000 * costSum / n, latencySum / n);
    }

    /** Share of queries that call the cloud (pre-routed or escalated). */
    public double cloudShare() {
        return 1 - shareLocal;
    }
}
