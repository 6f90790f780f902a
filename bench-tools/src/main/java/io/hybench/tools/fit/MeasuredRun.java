package io.hybench.tools.fit;

import io.hybench.bench.client.RequestRecord;
import io.hybench.bench.client.Target;
import io.hybench.bench.load.LoadSpec;
import io.hybench.bench.load.PromptSpec;
import io.hybench.bench.load.Workload;
import io.hybench.bench.load.WorkloadException;
import io.hybench.bench.load.WorkloadYaml;
import io.hybench.bench.metrics.LevelSummary;
import io.hybench.bench.metrics.Metric;
import io.hybench.bench.metrics.Percentiles;
import io.hybench.bench.metrics.StepSummary;
import io.hybench.bench.results.RequestLine;
import io.hybench.bench.results.ResultReader;
import io.hybench.bench.results.RunFolder;
import io.hybench.bench.results.RunSummary;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/** A bench result folder read for fitting: the load it applied ({@link RunShape}) and its figures per level. */
public record MeasuredRun(Path dir, RunShape shape, List<LevelFigures> levels) {
    private static final int DRAWN_LENGTHS = 4096;

    /**
     * @param targetName the target to fit; may be null when the run has one target
     * @throws FitException with a one-line reason for a folder that cannot be fitted
     */
    public static MeasuredRun read(Path dir, String targetName) {
        if (!Files.isRegularFile(dir.resolve(RunFolder.SUMMARY)) || !Files.isRegularFile(dir.resolve(RunFolder.WORKLOAD))) {
            throw new FitException(dir + ": not a bench result folder (needs " + RunFolder.SUMMARY + " and " + RunFolder.WORKLOAD + ")");
        }
        ResultReader.LoadedRun run;
        Workload w;
        try {
            run = ResultReader.load(dir);
            w = WorkloadYaml.recorded(run.workloadYaml(), dir.resolve(RunFolder.WORKLOAD).toString(), dir);
        } catch (UncheckedIOException | IllegalArgumentException | WorkloadException e) {
            throw new FitException(dir + ": " + e.getMessage());
        }
        Target target = target(w, targetName, dir);
        RunSummary s = run.summary();
        List<LevelSummary> levels = s.levels().stream().filter(l -> l.target().equals(target.name()) && l.outcome().succeeded() > 0).toList();
        if (levels.isEmpty()) throw new FitException(dir + ": target '" + target.name() + "' has no level with a successful request");
        List<Double> loads = new ArrayList<>();
        List<StepSummary> steps = new ArrayList<>();
        List<Long> windows = new ArrayList<>();
        List<LevelFigures> figures = new ArrayList<>();
        for (LevelSummary l : levels) {
            StepSummary step = s.steps().get(l.steps().getFirst());
            steps.add(step);
            loads.add(l.load());
            windows.add(step.window().loadWindowNanos());
            figures.add(new LevelFigures(l.load(), l.outcome().requests(), ms(l, Metric.TTFT, true), ms(l, Metric.TTFT, false),
                    ms(l, Metric.ITL, true), ms(l, Metric.ITL, false), ms(l, Metric.E2E, true), ms(l, Metric.E2E, false),
                    l.throughput().outputTokensPerSecond().estimate()));
        }
        List<RequestLine> log = Files.isRegularFile(dir.resolve(RunFolder.REQUESTS)) ? ResultReader.requests(dir).stream()
                .filter(l -> l.record().to().target().equals(target.name())).toList() : List.of();
        int[][] lengths = lengths(dir, w, log);
        RunShape.Pacing pacing = switch (w.shape().load()) {
            case LoadSpec.ClosedLoop c -> new RunShape.ClosedLoop(c.thinkTimeMs());
            case LoadSpec.OpenLoop o -> new RunShape.OpenLoop(o.arrival() == LoadSpec.Arrival.POISSON, o.maxInFlight());
            case LoadSpec.Trace t -> new RunShape.OpenLoop(false, null); // as before: replayed as constant gaps, uncapped
        };
        RunShape.Sweep sweep = new RunShape.Sweep(loads, w.shape().run().warmupNanos(), windows);
        RunShape.Tokens tokens = new RunShape.Tokens(lengths[0], lengths[1]);
        RunShape shape = new RunShape(new RunShape.Source(w.name(), target.name(), target.model()), sweep, pacing, tokens,
                s.run().seed(), log.isEmpty() ? List.of() : sent(log, steps, sweep.warmupNanos(), tokens));
        return new MeasuredRun(dir, shape, figures);
    }

    private static Target target(Workload w, String name, Path dir) {
        if (name == null) {
            if (w.targets().size() != 1) {
                throw new FitException(dir + ": the run has " + w.targets().size() + " targets; name one with --target ("
                        + String.join(", ", w.targets().stream().map(Target::name).toList()) + ")");
            }
            return w.targets().getFirst();
        }
        return w.targets().stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new FitException(dir + ": no target named '" + name + "' in the run"));
    }

    private static double ms(LevelSummary l, Metric m, boolean median) {
        Percentiles p = l.latencyMs().get(m);
        if (p == null || p.count() == 0) return Double.NaN;
        return median ? p.p50Ms() : p.p99Ms();
    }

    /**
     * Prompt and output lengths in the server's own tokens: from the target's lines of requests.jsonl ({@code log},
     * server usage counts of its successful requests) when the folder has them, else drawn from the workload's synthetic
     * distributions (words, about one token each).
     */
    private static int[][] lengths(Path dir, Workload w, List<RequestLine> log) {
        List<RequestLine> lines = log.stream().filter(MeasuredRun::counted).toList();
        if (!lines.isEmpty()) {
            return new int[][]{lines.stream().mapToInt(l -> l.record().tokens().inputTokens()).toArray(),
                    lines.stream().mapToInt(l -> l.record().tokens().outputTokens()).toArray()};
        }
        if (!(w.traffic().prompts() instanceof PromptSpec.Synthetic syn)) {
            throw new FitException(dir + ": prompts come from a file and the folder has no " + RunFolder.REQUESTS
                    + " with server token counts, so prompt lengths are unknown");
        }
        SplittableRandom r = new SplittableRandom(w.seed());
        int[] in = new int[DRAWN_LENGTHS];
        int[] out = new int[DRAWN_LENGTHS];
        for (int i = 0; i < DRAWN_LENGTHS; i++) {
            in[i] = (int) Math.max(1, syn.inputTokens().sample(r));
            out[i] = (int) Math.max(1, syn.outputTokens().sample(r));
        }
        return new int[][]{in, out};
    }

    private static boolean counted(RequestLine l) {
        RequestRecord r = l.record();
        return r.succeeded() && r.tokens().inputTokens() != null && r.tokens().outputTokens() != null && r.tokens().outputTokens() > 0;
    }

    /**
     * Each level's requests as its first step's client sent them, on the level's clock (zero a warm-up before
     * the window). Arrivals cancelled before they were sent are left out; a request without the server's
     * counts (a failure) takes the mean prompt and the tokens it delivered.
     */
    private static List<List<RunShape.Sent>> sent(List<RequestLine> log, List<StepSummary> steps, long warmupNanos, RunShape.Tokens tokens) {
        int meanPrompt = (int) Math.round(tokens.meanPrompt());
        List<List<RunShape.Sent>> out = new ArrayList<>();
        for (StepSummary step : steps) {
            long origin = step.window().startNanos() - warmupNanos;
            List<RunShape.Sent> level = new ArrayList<>();
            for (RequestLine l : log) {
                RequestRecord.Timeline t = l.record().timeline();
                if (l.step() != step.step().index() || l.record().to().endpoint().equals(RequestRecord.Destination.NOT_SENT)) continue;
                boolean counted = counted(l);
                int prompt = counted ? l.record().tokens().inputTokens() : meanPrompt;
                int output = counted ? l.record().tokens().outputTokens() : Math.max(1, IntStream.of(t.chunkTokenCounts()).sum());
                level.add(new RunShape.Sent(t.intendedSendNanos() - origin, t.sendNanos() - origin, prompt, output,
                        !l.warmup() && l.record().succeeded()));
            }
            out.add(level);
        }
        return out;
    }
}
