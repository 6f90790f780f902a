package io.hybench.bench.load;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hybench.bench.metrics.OverSaturation;
import io.hybench.core.config.DurationText;

/**
 * How long each step of a sweep runs, and how often. Exactly one of {@code durationNanos} and
 * {@code requests} is set.
 *
 * @param warmupNanos       the first part of each step whose requests are sent but not measured
 *                          (a request is warm-up when its intended send time falls in it)
 * @param durationNanos     measured time after warm-up, or null when stopping by count
 * @param requests          measured requests per step, or null when stopping by time
 * @param drainTimeoutNanos how long to wait for in-flight requests after the last one is sent
 * @param repetitions       times each load level is run (as separate steps); more than one gives
 *                          confidence intervals across repetitions
 * @param stopOnErrorRate   a target's sweep stops after a load level one of whose steps failed more than this
 *                          fraction of its requests (higher loads would only fail more); null to run every level
 * @param stopOnOverSaturation a step stops as soon as the server is over-saturated by this rule
 *                          ({@link OverSaturation}), and its target's sweep after that level; null never to
 */
public record RunLimits(@JsonProperty("warmup") @JsonSerialize(using = DurationText.Serializer.class) long warmupNanos,
                        @JsonProperty("duration") @JsonSerialize(using = DurationText.Serializer.class)
                        @JsonInclude(JsonInclude.Include.NON_NULL) Long durationNanos,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Integer requests,
                        @JsonProperty("drainTimeout") @JsonSerialize(using = DurationText.Serializer.class) long drainTimeoutNanos,
                        int repetitions,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Double stopOnErrorRate,
                        @JsonInclude(JsonInclude.Include.NON_NULL) OverSaturation.Settings stopOnOverSaturation) {
    private static final long DEFAULT_WARMUP_NANOS = 5_000_000_000L;
    private static final long DEFAULT_DRAIN_NANOS = 120_000_000_000L;

    public RunLimits {
        if (warmupNanos < 0) throw new IllegalArgumentException("warmup must be >= 0");
        if ((durationNanos == null) == (requests == null)) {
            throw new IllegalArgumentException("give exactly one of duration and requests");
        }
        if (durationNanos != null && durationNanos <= 0) throw new IllegalArgumentException("duration must be > 0");
        if (requests != null && requests < 1) throw new IllegalArgumentException("requests must be >= 1, was " + requests);
        if (drainTimeoutNanos <= 0) throw new IllegalArgumentException("drainTimeout must be > 0");
        if (repetitions < 1) throw new IllegalArgumentException("repetitions must be >= 1, was " + repetitions);
        if (stopOnErrorRate != null && !(stopOnErrorRate > 0 && stopOnErrorRate < 1)) {
            throw new IllegalArgumentException("stopOnErrorRate must be in (0, 1), was " + stopOnErrorRate);
        }
    }

    /** Limits that never stop a step early. */
    public RunLimits(long warmupNanos, Long durationNanos, Integer requests, long drainTimeoutNanos, int repetitions, Double stopOnErrorRate) {
        this(warmupNanos, durationNanos, requests, drainTimeoutNanos, repetitions, stopOnErrorRate, null);
    }

    /** Limits that run every level. */
    public RunLimits(long warmupNanos, Long durationNanos, Integer requests, long drainTimeoutNanos, int repetitions) {
        this(warmupNanos, durationNanos, requests, drainTimeoutNanos, repetitions, null);
    }

    /** Limits as a workload file states them: 5 s warm-up, 2 min drain and one repetition unless given. */
    @JsonCreator
    static RunLimits fromFile(@JsonProperty("warmup") @JsonDeserialize(using = DurationText.Deserializer.class) Long warmup,
                              @JsonProperty("duration") @JsonDeserialize(using = DurationText.Deserializer.class) Long duration,
                              @JsonProperty("requests") Integer requests,
                              @JsonProperty("drainTimeout") @JsonDeserialize(using = DurationText.Deserializer.class) Long drainTimeout,
                              @JsonProperty("repetitions") Integer repetitions,
                              @JsonProperty("stopOnErrorRate") Double stopOnErrorRate,
                              @JsonProperty("stopOnOverSaturation") OverSaturation.Settings stopOnOverSaturation) {
        return new RunLimits(warmup != null ? warmup : DEFAULT_WARMUP_NANOS, duration, requests,
                drainTimeout != null ? drainTimeout : DEFAULT_DRAIN_NANOS, repetitions != null ? repetitions : 1, stopOnErrorRate,
                stopOnOverSaturation);
    }

    /** Limits with each level run once. */
    public RunLimits(long warmupNanos, Long durationNanos, Integer requests, long drainTimeoutNanos) {
        this(warmupNanos, durationNanos, requests, drainTimeoutNanos, 1, null);
    }
}
