package io.hybench.jmh.harness;

import io.hybench.calibrate.Calibration;
import io.hybench.calibrate.CalibrationRequest;
import io.hybench.calibrate.CalibrationRequest.Statistics;
import io.hybench.calibrate.CalibrationRequest.Sweep;
import io.hybench.calibrate.CalibrationRequest.Validation;
import io.hybench.calibrate.data.ColumnMapping;
import io.hybench.calibrate.data.LabeledDataset;
import io.hybench.calibrate.data.LabeledRow;
import io.hybench.calibrate.data.ScoreSense;
import io.hybench.calibrate.data.SideColumns;
import io.hybench.calibrate.data.SideOutcome;
import io.hybench.calibrate.export.CalibrationWriter;
import io.hybench.calibrate.export.LiteLlmTargets;
import io.hybench.calibrate.fit.Objective;
import io.hybench.calibrate.fit.Recalibration;
import io.hybench.calibrate.policy.PolicyKind;
import io.hybench.calibrate.policy.Route;
import io.hybench.calibrate.router.Confidence;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The routing decision a router makes per query with exported thresholds: the local answer's
 * confidence from the logprobs of its option letters ({@link Confidence#optionProbability}), then the
 * cascade's threshold test, through the spec's recalibration map where there is one
 * ({@link HybridRouter#afterLocalAnswer}). The router is loaded from a {@code router-spec.json} that
 * {@code hybench calibrate}'s writer exported from a calibration on seeded synthetic labeled data,
 * exactly as a deployment loads it. Queries cycle through 1024 seeded four-option logprob vectors.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RoutingBenchmark {
    private static final int QUERIES = 1024; // a power of two: the index wraps with a mask
    private static final int OPTIONS = 4;
    private static final int CALIBRATION_ROWS = 2000;

    /** The spec's recalibration of the confidence before the threshold. */
    @Param({"NONE", "ISOTONIC", "PLATT"})
    public Recalibration.Method recalibration;

    private HybridRouter router;
    private final double[][] optionLogprobs = new double[QUERIES][];
    private final int[] chosen = new int[QUERIES];
    private int next;

    @Setup
    public void exportAndLoad() throws IOException {
        SplittableRandom random = new SplittableRandom(11);
        Path dir = Files.createTempDirectory("hybench-jmh-router");
        try {
            var result = Calibration.run(new CalibrationRequest(labeled(random), null, Sweep.of(PolicyKind.CASCADE, "conf", null).withRecalibration(recalibration),
                List.of(new Objective.MinAccuracy(0.85)), new Validation(0, 0), new Statistics(1, 50, 0.9, 0.05), LocalDate.of(2026, 1, 1)));
            CalibrationWriter.write(result, dir, LiteLlmTargets.defaults("local", "cloud"), null);
            router = HybridRouter.load(dir.resolve("router-spec.json"));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
            }
        }
        for (int q = 0; q < QUERIES; q++) {
            optionLogprobs[q] = optionLogprobs(random);
            chosen[q] = argmax(optionLogprobs[q]);
        }
    }

    @Benchmark
    public Route decide() {
        int q = next++ & (QUERIES - 1);
        return router.afterLocalAnswer(Confidence.optionProbability(optionLogprobs[q], chosen[q]));
    }

    /** Confidence uniform in [0,1]; the local answer is right with that probability, the cloud's 90% of the time. */
    private static LabeledDataset labeled(SplittableRandom random) {
        List<LabeledRow> rows = new ArrayList<>(CALIBRATION_ROWS);
        for (int i = 0; i < CALIBRATION_ROWS; i++) {
            double conf = random.nextDouble();
            rows.add(new LabeledRow("q" + i, null, null, new double[]{conf},
                    SideOutcome.ofQuality(random.nextDouble() < conf ? 1 : 0), SideOutcome.ofQuality(random.nextDouble() < 0.9 ? 1 : 0),
                    "synthetic:" + i));
        }
        var mapping = new ColumnMapping(null, null, null, List.of("conf"), ScoreSense.HIGHER_MEANS_LOCAL,
                SideColumns.of("local", "l"), SideColumns.of("cloud", "c"));
        return new LabeledDataset(List.of("conf"), rows, List.of("synthetic"), "0".repeat(64), 0, 0, mapping);
    }

    /** Log-softmax of random logits: the option letters' logprobs as a server's top_logprobs give them. */
    private static double[] optionLogprobs(SplittableRandom random) {
        double[] logits = new double[OPTIONS];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < OPTIONS; i++) {
            logits[i] = 3 * random.nextGaussian();
            max = Math.max(max, logits[i]);
        }
        double sum = 0;
        for (double l : logits) sum += Math.exp(l - max);
        double log = max + Math.log(sum);
        for (int i = 0; i < OPTIONS; i++) logits[i] = Math.min(0, logits[i] - log);
        return logits;
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
        return best;
    }
}
