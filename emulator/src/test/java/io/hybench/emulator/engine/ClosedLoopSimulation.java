package io.hybench.emulator.engine;

import io.hybench.emulator.profile.EngineParams;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * N users each sending the next request as soon as the previous one finishes, run in simulated time
 * on the real engine code. Measures over a window after a warm-up, the way a closed-loop benchmark does.
 */
final class ClosedLoopSimulation {
    /** Output throughput and pooled inter-token gaps inside the window, plus first-token waits. */
    record Result(int users, double outputTokensPerSecond, long[] itlNanos, long[] ttftNanos) {
        long itlPercentile(double p) {
            return percentile(itlNanos, p);
        }

        long ttftPercentile(double p) {
            return percentile(ttftNanos, p);
        }

        double meanItlNanos() {
            return Arrays.stream(itlNanos).average().orElse(Double.NaN);
        }
    }

    /** Nearest-rank percentile of a sorted array. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) return -1;
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /**
     * @param outputMedianTokens median answer length; lengths are lognormal with {@code outputSigma}
     *                           (0: every answer has exactly the median), drawn from a fixed seed
     */
    static Result run(EngineParams params, int users, int promptTokens, int outputMedianTokens, double outputSigma,
                      long warmupNanos, long windowNanos) {
        SimulatedLoop loop = new SimulatedLoop();
        java.util.SplittableRandom lengths = new java.util.SplittableRandom(42);
        Engine engine = Engine.create(params, loop, 1);
        long end = warmupNanos + windowNanos;
        List<Long> itl = new ArrayList<>();
        List<Long> ttft = new ArrayList<>();
        long[] tokensInWindow = {0};
        long[] nextId = {0};
        Runnable[] send = new Runnable[1];
        send[0] = () -> {
            long arrival = loop.now();
            long[] last = {-1};
            int outputTokens = Math.max(1, (int) Math.round(outputMedianTokens * Math.exp(outputSigma * lengths.nextGaussian())));
            engine.submit(new Job(nextId[0]++, promptTokens, outputTokens, "sim", null), e -> {
                switch (e) {
                    case Emission.Token t -> {
                        boolean inWindow = t.atNanos() >= warmupNanos && t.atNanos() < end;
                        if (inWindow) tokensInWindow[0]++;
                        if (last[0] < 0) {
                            if (arrival >= warmupNanos && t.atNanos() < end) ttft.add(t.atNanos() - arrival);
                        } else if (inWindow) itl.add(t.atNanos() - last[0]);
                        last[0] = t.atNanos();
                    }
                    case Emission.Finished f -> {
                        if (f.atNanos() < end) loop.at(f.atNanos(), send[0]);
                    }
                    case Emission.Rejected r -> {
                        if (r.atNanos() < end) loop.at(r.atNanos(), send[0]);
                    }
                    case Emission.Accepted a -> {
                    }
                }
            });
        };
        for (int u = 0; u < users; u++) loop.at(0, send[0]);
        loop.runUntil(end);
        return new Result(users, tokensInWindow[0] / (windowNanos / 1e9),
                itl.stream().mapToLong(Long::longValue).sorted().toArray(),
                ttft.stream().mapToLong(Long::longValue).sorted().toArray());
    }
}
