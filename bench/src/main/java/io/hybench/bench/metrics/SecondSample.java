package io.hybench.bench.metrics;

import io.hybench.bench.context.GpuSecond;
import io.hybench.bench.context.ServerGauges;

/**
 * One point of a step's time series, taken about once a second by the reporter thread.
 *
 * @param endNanos      run-relative end of the interval
 * @param intervalNanos interval length
 * @param warmup        whether the interval ended inside the warm-up
 * @param ended         requests that ended in the interval, warm-up included
 * @param inFlight      requests in flight at the sample time
 * @param harnessCpu    harness process CPU over the interval, as a fraction of all cores (NaN if unknown)
 * @param server        the target's newest self-report in the interval (Ollama /api/ps, vLLM /metrics); null when
 *                      none arrived or the target reports nothing (the step's {@code serverContext} says why)
 * @param gpu           GPU readings in the interval; null when none (the step's {@code gpu} says why)
 */
public record SecondSample(long endNanos, long intervalNanos, boolean warmup, Ended ended, int inFlight, double harnessCpu,
                           ServerGauges server, GpuSecond gpu) {

    /**
     * Output tokens/s of the series (docs/metrics.md, Time series): output tokens of the successful requests that
     * ended in the interval / its length. NaN for an empty interval.
     */
    public double outputTokensPerSecond() {
        return Metrics.aggregateOutputTokensPerSecond(ended.outputTokens(), intervalNanos);
    }

    /**
     * This sample and the one right after it as one interval: counts add up, harness CPU is weighted by time,
     * gauges and readings are the later sample's where it has them.
     */
    public SecondSample joinedWith(SecondSample next) {
        long length = intervalNanos + next.intervalNanos;
        return new SecondSample(next.endNanos, length, next.warmup,
                new Ended(ended.completed + next.ended.completed, ended.outputTokens + next.ended.outputTokens, ended.errors + next.ended.errors),
                next.inFlight, (harnessCpu * intervalNanos + next.harnessCpu * next.intervalNanos) / length,
                next.server != null ? next.server : server, next.gpu != null ? next.gpu : gpu);
    }

    /**
     * @param completed    requests that ended (success or failure)
     * @param outputTokens output tokens of successful requests that ended
     * @param errors       failed requests that ended
     */
    public record Ended(long completed, long outputTokens, long errors) {
    }
}
