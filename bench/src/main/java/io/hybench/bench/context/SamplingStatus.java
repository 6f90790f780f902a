package io.hybench.bench.context;

/**
 * Whether a step's time series holds a kind of context (server gauges, GPU readings), and if not, why.
 *
 * @param source            what was read, e.g. {@code GET /metrics} or {@code nvidia-smi}
 * @param samples           readings taken during the step
 * @param notSampledReason  null when sampled; otherwise the reason, shown as "not sampled: ..."
 */
public record SamplingStatus(String source, int samples, String notSampledReason) {
    public static SamplingStatus notSampled(String source, String reason) {
        return new SamplingStatus(source, 0, reason);
    }
}
