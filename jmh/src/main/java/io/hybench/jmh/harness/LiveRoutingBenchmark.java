package io.hybench.jmh.harness;

import io.hybench.bench.client.TokenLogprob;
import io.hybench.calibrate.data.ScoreSense;
import io.hybench.calibrate.CalibrationResult;
import io.hybench.calibrate.export.RouterSpec;
import io.hybench.calibrate.policy.Policy;
import io.hybench.calibrate.policy.Route;
import io.hybench.calibrate.route.LiveConfidence;
import io.hybench.calibrate.router.HybridRouter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The decision {@code hybench route} makes per request (what its {@code x-hybench-decision-us} header
 * reports): find the answer in the local reply, average the logprobs of its tokens
 * ({@link LiveConfidence}, collect's mean_logprob), and test the cascade threshold
 * ({@link HybridRouter#afterLocalAnswer}). Replies are shaped as collect's prompts make a model answer
 * (the emulator's answer model): {@code working} words of working, then {@code Answer: X} and
 * {@code Confidence: N} lines, one logprob per token; 1024 seeded replies cycle.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class LiveRoutingBenchmark {
    private static final int REPLIES = 1024;
    private static final String[] WORDS = {"carefully", "which", "batches", "arrive", "to", "form", "one", "order", "the", "sum"};

    /** Words of working before the answer line. */
    @Param({"6", "200"})
    public int working;

    private HybridRouter router;
    private final String[] replies = new String[REPLIES];
    private final List<List<TokenLogprob>> tokens = new ArrayList<>(REPLIES);
    private int next;

    @Setup
    public void replies() {
        router = HybridRouter.of(RouterSpec.of(RouterSpec.Routing.of(new Policy.Cascade(0, Math.log(0.8)), List.of("local_mean_logprob"),
                ScoreSense.HIGHER_MEANS_LOCAL, Map.of()), new CalibrationResult.Provenance.Models("local", "cloud")));
        SplittableRandom random = new SplittableRandom(7);
        for (int r = 0; r < REPLIES; r++) {
            List<TokenLogprob> t = new ArrayList<>();
            StringBuilder reply = new StringBuilder();
            for (int w = 0; w < working; w++) add(t, reply, (w == 0 ? "" : " ") + WORDS[random.nextInt(WORDS.length)], -random.nextDouble() * 3);
            double confidence = 0.5 + random.nextDouble() / 2;
            for (String s : new String[]{"\n", "Answer", ":"}) add(t, reply, s, -0.0001);
            add(t, reply, " " + random.nextInt(1000), Math.log(confidence));
            for (String s : new String[]{"\n", "Confidence", ":", " " + Math.round(confidence * 100)}) add(t, reply, s, -0.0001);
            replies[r] = reply.toString();
            tokens.add(t);
        }
    }

    private static void add(List<TokenLogprob> tokens, StringBuilder reply, String token, double logprob) {
        tokens.add(new TokenLogprob(token, logprob, List.of()));
        reply.append(token);
    }

    @Benchmark
    public Route decide() {
        int r = next++ & (REPLIES - 1);
        return router.afterLocalAnswer(LiveConfidence.of(replies[r], tokens.get(r), LiveConfidence.Span.ANSWER));
    }
}
