package io.hybench.bench.merge;

import io.hybench.bench.load.Workload;
import io.hybench.bench.load.WorkloadException;
import io.hybench.bench.load.WorkloadYaml;
import io.hybench.bench.metrics.Metric;
import io.hybench.bench.metrics.SecondSample;
import io.hybench.bench.metrics.StepRecording;
import io.hybench.bench.metrics.StepStats;
import io.hybench.bench.metrics.StepSummaries;
import io.hybench.bench.metrics.StepSummary;
import io.hybench.bench.client.Target;
import io.hybench.bench.results.RequestLine;
import io.hybench.bench.results.RequestLog;
import io.hybench.bench.results.ResultReader;
import io.hybench.bench.results.RunFolder;
import io.hybench.bench.results.RunSummary;
import io.hybench.bench.results.Sharding;
import org.HdrHistogram.Histogram;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code hybench merge}: the result folders of the shards of one plan into the folder of one run. Each
 * shard's step is rebuilt into its {@link StepStats} (requests from requests.jsonl, histograms from its
 * .hlog, self-check inputs from its summary), the snapshots are merged, and every figure, self-check and
 * the collapse analysis are computed by the same {@link StepSummaries} calls as a run on one machine.
 * Each shard's step is placed on a common clock: its window starts where the earliest shard's did (the
 * difference is that shard's start skew for the step, reported).
 */
public final class ShardMerge {
    private ShardMerge() {
    }

    /** The merged folder and its summary. */
    public record Result(RunFolder folder, RunSummary summary) {
    }

    /**
     * Checks that the folders are all the shards of one plan, then writes the merged folder {@code out}
     * (which must not exist). Bad input is an {@link IllegalArgumentException} with one line naming the folder. A merge
     * that fails part-way (a shard's .hlog found damaged) removes the folder it began, so that it can be run again.
     */
    public static Result merge(List<Path> dirs, Path out) {
        List<ShardFolder> shards = ShardFolder.checkedSet(dirs);
        ShardFolder first = shards.getFirst();
        Workload workload;
        try {
            workload = WorkloadYaml.recorded(first.run().workloadYaml(), first.dir().resolve(RunFolder.WORKLOAD).toString(), first.dir());
        } catch (WorkloadException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        Path parent = out.toAbsolutePath().getParent();
        RunFolder folder = RunFolder.create(parent, out.getFileName().toString());
        try {
            return write(folder, shards, workload);
        } catch (RuntimeException | Error e) {
            try {
                folder.discard();
            } catch (UncheckedIOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private static Result write(RunFolder folder, List<ShardFolder> shards, Workload workload) {
        ShardFolder first = shards.getFirst();
        folder.writeWorkload(first.run().workloadYaml());
        folder.writeEnv(first.run().env());

        List<StepSummary> steps = new ArrayList<>();
        List<StepStats> stats = new ArrayList<>();
        List<Double> skews = new ArrayList<>(shards.stream().map(s -> 0.0).toList());
        try (RequestLog log = folder.openRequestLog()) {
            for (StepSummary firstStep : first.summary().steps()) {
                int index = firstStep.step().index();
                List<StepSummary> parts = shards.stream().map(s -> s.step(index)).toList();
                long windowStart = parts.stream().mapToLong(p -> p.window().startNanos()).min().orElseThrow();
                List<StepStats> partStats = new ArrayList<>();
                List<Long> shifts = new ArrayList<>();
                List<RequestLine> lines = new ArrayList<>();
                for (int i = 0; i < shards.size(); i++) {
                    long shift = windowStart - parts.get(i).window().startNanos();
                    shifts.add(shift);
                    skews.set(i, Math.max(skews.get(i), -shift / 1e6));
                    List<RequestLine> own = shards.get(i).lines(index).stream()
                            .map(l -> new RequestLine(l.step(), l.warmup(), l.category(), l.promptId(), l.requestedMaxTokens(), l.record().shifted(shift), l.session(), l.promptTokens()))
                            .toList();
                    lines.addAll(own);
                    partStats.add(rebuild(shards.get(i), parts.get(i), own, windowStart, workload));
                }
                lines.stream().sorted(Comparator.comparingLong((RequestLine l) -> l.record().timeline().intendedSendNanos())
                        .thenComparing(l -> l.record().requestId())).forEach(log::append);
                StepStats merged = StepStats.merge(partStats);
                String hlog = RunFolder.hlogName(index, firstStep.step().target());
                HlogMerge.write(shards.stream().map(s -> s.dir().resolve(s.step(index).context().hlog())).toList(),
                        folder.dir().resolve(hlog), "hybench merge of " + shards.size() + " shards, step " + index);
                StepSummaries.StepContext context = new StepSummaries.StepContext(hlog, series(parts, shifts),
                        firstStep.context().serverContext(), firstStep.context().gpu(), Double.NaN);
                boolean complete = parts.stream().allMatch(StepSummary::complete);
                steps.add(StepSummaries.build(new StepSummaries.StepInfo(firstStep.step(), complete, workload.stepSettings(index),
                                parts.stream().map(StepSummary::stopped).filter(Objects::nonNull).findFirst().orElse(null)),
                        merged, context));
                stats.add(merged);
            }
        }
        StepSummaries.Sweeps sweeps = StepSummaries.sweeps(workload.targets().stream().map(Target::name).toList(),
                workload.shape().load().levels(), steps, stats, workload.checks().slo(), workload.checks().confidence().level(), workload.checks().analysis());
        boolean complete = shards.stream().allMatch(s -> s.summary().run().status() == RunSummary.Status.COMPLETE);
        String startedAt = shards.stream().map(s -> s.summary().run().startedAt()).min(Comparator.naturalOrder()).orElseThrow();
        RunSummary.Run run = new RunSummary.Run(folder.runId(), workload.name(), complete ? RunSummary.Status.COMPLETE : RunSummary.Status.PARTIAL,
                startedAt, Instant.now().toString(), workload.seed());
        List<Sharding.Shard> entries = new ArrayList<>();
        for (int i = 0; i < shards.size(); i++) {
            Sharding.Shard own = shards.get(i).self();
            // the shard's own skew is its first step's lateness after the shared instant; merging adds its later steps'
            entries.add(new Sharding.Shard(own.index(), own.runId(), Math.max(own.startSkewMs(), skews.get(i)), own.clockOffsetMs(),
                    own.clockNote(), own.trusted()));
        }
        Sharding sharding = new Sharding(first.sharding().count(), first.sharding().planHash(), first.sharding().startAt(), entries);
        RunSummary summary = RunSummary.of(run, steps, sweeps, sharding);
        folder.writeSummary(summary);
        return new Result(folder, summary);
    }

    /** One shard's step as a statistics snapshot on the merged clock. */
    private static StepStats rebuild(ShardFolder shard, StepSummary step, List<RequestLine> shiftedLines, long windowStart, Workload w) {
        StepRecording rec = new StepRecording(w.checks().slo(), windowStart);
        for (RequestLine l : shiftedLines) rec.add(l.record(), l.warmup());
        StepStats fromRecords = rec.snapshot(windowStart + step.window().loadWindowNanos(), step.counts().stillInFlight(),
                step.selfCheck().lateness(), step.context().series());
        Map<Metric, Histogram> histograms = ResultReader.histogramTotals(shard.dir().resolve(step.context().hlog()));
        double window = step.window().endNanos() - step.window().startNanos();
        double area = Double.isFinite(step.selfCheck().littleLaw().meanInFlight()) ? step.selfCheck().littleLaw().meanInFlight() * window : 0;
        StepStats.Harness h = fromRecords.harness();
        return new StepStats(fromRecords.counts(), fromRecords.span(), histograms, fromRecords.samples(), fromRecords.delivered(),
                new StepStats.Harness(area, h.lateness(), h.cpuSum(), h.cpuSeconds(), h.cpuMax()), fromRecords.requestTiming());
    }

    /**
     * The shards' time series added second by second (requests ended and in flight summed, harness CPU the busiest
     * machine's, server and GPU readings the first shard's that has one), on the merged clock.
     */
    static List<SecondSample> series(List<StepSummary> parts, List<Long> shifts) {
        int n = parts.stream().mapToInt(p -> p.context().series().size()).max().orElse(0);
        List<SecondSample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SecondSample base = null;
            long completed = 0, tokens = 0, errors = 0;
            int inFlight = 0;
            double cpu = Double.NaN;
            SecondSample withServer = null, withGpu = null;
            for (int p = 0; p < parts.size(); p++) {
                List<SecondSample> own = parts.get(p).context().series();
                if (i >= own.size()) continue;
                SecondSample s = own.get(i);
                if (base == null) base = new SecondSample(s.endNanos() + shifts.get(p), s.intervalNanos(), s.warmup(), s.ended(), 0, 0, null, null);
                completed += s.ended().completed();
                tokens += s.ended().outputTokens();
                errors += s.ended().errors();
                inFlight += s.inFlight();
                if (Double.isFinite(s.harnessCpu())) cpu = Double.isNaN(cpu) ? s.harnessCpu() : Math.max(cpu, s.harnessCpu());
                if (withServer == null && s.server() != null) withServer = s;
                if (withGpu == null && s.gpu() != null) withGpu = s;
            }
            Objects.requireNonNull(base);
            out.add(new SecondSample(base.endNanos(), base.intervalNanos(), base.warmup(), new SecondSample.Ended(completed, tokens, errors),
                    inFlight, cpu, withServer == null ? null : withServer.server(), withGpu == null ? null : withGpu.gpu()));
        }
        return out;
    }

    /** Request lines of one folder, by step. */
    static Map<Integer, List<RequestLine>> byStep(Path dir) {
        return ResultReader.requests(dir).stream().collect(Collectors.groupingBy(RequestLine::step, TreeMap::new, Collectors.toList()));
    }
}
