package io.hybench.bench.metrics;

/**
 * One step of a sweep as the collapse analysis sees it.
 *
 * @param load                  users or requests/s
 * @param outputTokensPerSecond aggregate output tokens/s
 * @param e2eP99Ms              P99 end-to-end latency (NaN when nothing succeeded)
 * @param errorRate             failed / requests
 * @param meetsSlos             whether the step met its SLOs
 */
public record SweepPoint(double load, double outputTokensPerSecond, double e2eP99Ms, double errorRate, boolean meetsSlos) {

    public static SweepPoint of(LevelSummary s) {
        return new SweepPoint(s.load(), s.throughput().outputTokensPerSecond().estimate(), s.latencyMs().get(Metric.E2E).p99Ms(),
                s.outcome().errorRate(), s.outcome().meetsSlos());
    }
}
