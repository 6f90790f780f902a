package io.hybench.jmh.endpoint;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ResultRole;
import org.openjdk.jmh.results.SampleTimeResult;
import org.openjdk.jmh.util.SampleBuffer;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reports the time to first token of every request an iteration made as JMH's secondary result
 * {@code ttft}: a sample-time distribution (mean, error, percentiles) in milliseconds, which JMH merges across iterations and forks as it does its primary sample-time score. An
 * iteration whose benchmark recorded no TTFT reports nothing rather than a zero.
 */
public final class TtftProfiler implements InternalProfiler {
    public static final String LABEL = "ttft";

    @Override
    public String getDescription() {
        return "time to first token of each streamed request (secondary sample-time result '" + LABEL + "')";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        TtftSamples.take(); // drop anything left from setup or the previous benchmark
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        SampleBuffer samples = TtftSamples.take();
        if (samples.count() == 0) return List.of();
        return List.of(new SampleTimeResult(ResultRole.SECONDARY, LABEL, samples, TimeUnit.MILLISECONDS));
    }
}
