package io.hybench.calibrate.policy;

/** Per-row results of one policy: what each query scored, cost and took, and whether it stayed local. */
public record RoutedRows(Policy policy, double[] quality, double[] cost, double[] latencyMs, boolean[] local) {
    public int size() {
        return quality.length;
    }
}
