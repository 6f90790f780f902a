package io.hybench.bench.metrics;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Thresholds of the concurrency-collapse analysis (docs/metrics.md, "Concurrency collapse").
 *
 * @param saturationFraction   saturation is the lowest load reaching this fraction of the sweep's
 *                             peak output tokens/s (e.g. 0.95)
 * @param latencyGrowthFactor  tail latency "explodes" when P99 E2E grows by more than this factor
 *                             times the load ratio between consecutive steps (e.g. 1.5)
 * @param throughputDrop       throughput "falls" when output tokens/s drops by more than this
 *                             fraction below the best of all lower loads (e.g. 0.10)
 * @param maxErrorRate         errors "rise" when a step's error rate exceeds this and the previous step's
 */
public record CollapseCriteria(double saturationFraction, double latencyGrowthFactor, double throughputDrop, double maxErrorRate) {
    public CollapseCriteria {
        if (!(saturationFraction > 0 && saturationFraction <= 1)) throw new IllegalArgumentException("saturationFraction must be in (0, 1]");
        if (!(latencyGrowthFactor >= 1)) throw new IllegalArgumentException("latencyGrowthFactor must be >= 1");
        if (!(throughputDrop > 0 && throughputDrop < 1)) throw new IllegalArgumentException("throughputDrop must be in (0, 1)");
        if (!(maxErrorRate >= 0 && maxErrorRate < 1)) throw new IllegalArgumentException("maxErrorRate must be in [0, 1)");
    }

    public static CollapseCriteria defaults() {
        return fromFile(null, null, null, null);
    }

    /** An {@code analysis} section; each threshold not given takes its default. */
    @JsonCreator
    static CollapseCriteria fromFile(@JsonProperty("saturationFraction") Double saturationFraction,
                                     @JsonProperty("latencyGrowthFactor") Double latencyGrowthFactor,
                                     @JsonProperty("throughputDrop") Double throughputDrop,
                                     @JsonProperty("maxErrorRate") Double maxErrorRate) {
        return new CollapseCriteria(saturationFraction != null ? saturationFraction : 0.95,
                latencyGrowthFactor != null ? latencyGrowthFactor : 1.5,
                throughputDrop != null ? throughputDrop : 0.10, maxErrorRate != null ? maxErrorRate : 0.01);
    }
}
