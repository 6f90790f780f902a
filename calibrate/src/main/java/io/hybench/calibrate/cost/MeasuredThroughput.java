package io.hybench.calibrate.cost;

import io.hybench.bench.metrics.StepSummary;
import io.hybench.bench.metrics.SweepAnalysis;
import io.hybench.bench.results.RequestLine;
import io.hybench.bench.results.ResultReader;

import java.nio.file.Path;
import java.util.List;

/**
 * The throughput a cost model may rely on: goodput at the largest load that met the SLOs, read from a
 * bench result folder, never a peak or a guess.
 *
 * @param resultDir              the bench result folder
 * @param target                 target name in it
 * @param load                   the load level used (users or requests/s)
 * @param goodputRequestsPerSecond requests/s meeting every SLO at that level
 * @param meanInputTokens        mean input tokens of that step's successful requests
 * @param meanOutputTokens       mean output tokens of that step's successful requests
 * @param saturationReached      whether the sweep went past saturation; if not, the machine may serve
 *                               more than this, and every cost figure is an upper bound
 */
public record MeasuredThroughput(String resultDir, String target, double load, double goodputRequestsPerSecond,
                                 double meanInputTokens, double meanOutputTokens, boolean saturationReached) {

    /** Goodput in tokens (input + output) per second: goodput requests/s x mean tokens per request. */
    public double goodputTokensPerSecond() {
        return goodputRequestsPerSecond * (meanInputTokens + meanOutputTokens);
    }

    /** Share of all tokens that are input tokens, for the API's blended price. */
    public double inputShare() {
        return meanInputTokens / (meanInputTokens + meanOutputTokens);
    }

    /** Reads a bench folder; throws naming the folder and target when it holds no usable goodput. */
    public static MeasuredThroughput fromBenchResult(Path dir, String target) {
        var run = ResultReader.load(dir).summary();
        SweepAnalysis sweep = run.sweeps().stream().filter(s -> s.target().equals(target)).findFirst().orElseThrow(() ->
                new IllegalArgumentException(dir + ": no target '" + target + "'; it has "
                        + run.sweeps().stream().map(SweepAnalysis::target).toList()));
        if (!sweep.slosGiven()) {
            throw new IllegalArgumentException(dir + ": the workload set no SLOs, so there is no goodput to price; rerun with slo limits");
        }
        Double level = sweep.largestLoadMeetingSlos();
        if (level == null) {
            throw new IllegalArgumentException(dir + ": target '" + target + "' met the SLOs at no load level; it has no goodput to price");
        }
        StepSummary step = run.steps().stream().filter(s -> s.step().target().equals(target) && s.step().load() == level)
                .max(java.util.Comparator.comparingDouble(s -> s.rates().goodputPerSecond())).orElseThrow();
        List<RequestLine> lines = ResultReader.requests(dir).stream()
                .filter(l -> l.step() == step.step().index() && !l.warmup() && l.record().succeeded()).toList();
        double in = lines.stream().mapToDouble(l -> l.record().tokens().inputTokens() == null ? Double.NaN : l.record().tokens().inputTokens()).average().orElse(Double.NaN);
        double out = lines.stream().mapToDouble(l -> l.record().tokens().outputTokens() == null ? Double.NaN : l.record().tokens().outputTokens()).average().orElse(Double.NaN);
        if (!(in >= 0 && out > 0)) {
            throw new IllegalArgumentException(dir + ": step " + step.step().index() + " of '" + target + "' has no server token counts to price");
        }
        return new MeasuredThroughput(dir.toString(), target, level, step.rates().goodputPerSecond(), in, out, sweep.saturationLoad() != null);
    }
}
