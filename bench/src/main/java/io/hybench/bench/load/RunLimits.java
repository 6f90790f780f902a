package io.hybench.bench.load;

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
 */
public record RunLimits(long warmupNanos, Long durationNanos, Integer requests, long drainTimeoutNanos, int repetitions) {
    public RunLimits {
        if (warmupNanos < 0) throw new IllegalArgumentException("warmup must be >= 0");
        if ((durationNanos == null) == (requests == null)) {
            throw new IllegalArgumentException("give exactly one of duration and requests");
        }
        if (durationNanos != null && durationNanos <= 0) throw new IllegalArgumentException("duration must be > 0");
        if (requests != null && requests < 1) throw new IllegalArgumentException("requests must be >= 1, was " + requests);
        if (drainTimeoutNanos <= 0) throw new IllegalArgumentException("drainTimeout must be > 0");
        if (repetitions < 1) throw new IllegalArgumentException("repetitions must be >= 1, was " + repetitions);
    }

    /** Limits with each level run once. */
    public RunLimits(long warmupNanos, Long durationNanos, Integer requests, long drainTimeoutNanos) {
        this(warmupNanos, durationNanos, requests, drainTimeoutNanos, 1);
    }
}
