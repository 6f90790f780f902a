package io.hybench.reports.sources;

import io.hybench.bench.client.Target;
import io.hybench.bench.context.ServerGauges;
import io.hybench.bench.load.LoadSpec;
import io.hybench.bench.load.Workload;
import io.hybench.bench.load.WorkloadException;
import io.hybench.bench.load.WorkloadYaml;
import io.hybench.bench.metrics.ChosenPercentiles;
import io.hybench.bench.metrics.LevelSummary;
import io.hybench.bench.metrics.Metric;
import io.hybench.bench.metrics.Metrics;
import io.hybench.bench.metrics.Percentiles;
import io.hybench.bench.metrics.SecondSample;
import io.hybench.bench.metrics.SelfCheck;
import io.hybench.bench.metrics.StepSummary;
import io.hybench.bench.metrics.SweepAnalysis;
import io.hybench.bench.results.CommandFile;
import io.hybench.bench.results.ResultReader;
import io.hybench.bench.results.RunFolder;
import io.hybench.bench.results.RunSummary;
import io.hybench.bench.results.SessionSummary;
import io.hybench.core.mapper.Json;
import io.hybench.core.stats.ConfidenceInterval;
import io.hybench.core.stats.ConfidenceSpec;
import io.hybench.core.stats.Intervals;
import io.hybench.reports.hdr.HistogramLogs;
import io.hybench.reports.hdr.IntervalBootstrap;
import io.hybench.reports.hdr.IntervalHistogram;
import io.hybench.reports.hdr.MetricHistograms;
import io.hybench.reports.hdr.PercentileSpectrum;
import io.hybench.reports.html.EmulatedTarget;
import io.hybench.reports.html.Fact;
import io.hybench.reports.html.Provenance;
import io.hybench.reports.pages.BenchmarkReportData;
import io.hybench.reports.pages.ChosenPercentileRows;
import io.hybench.reports.pages.Estimate;
import io.hybench.reports.pages.LatencyMetric;
import io.hybench.reports.pages.LatencyPercentiles;
import io.hybench.reports.pages.LoadPoint;
import io.hybench.reports.pages.LoadPoints;
import io.hybench.reports.pages.SessionTurnRow;
import io.hybench.reports.pages.SweepStep;
import io.hybench.reports.pages.TargetResult;
import io.hybench.reports.pages.TimeSeries;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a {@code hybench bench} result folder into the benchmark page's model. It reads summary.json,
 * the resolved workload, env.json and the steps' .hlog interval histograms, never requests.jsonl, so a
 * run of a million requests reports as fast as a run of a hundred.
 */
public final class BenchmarkFolder {
    private static final double TAIL_PERCENTILE = 99.0;

    private BenchmarkFolder() {
    }

    public static BenchmarkReportData load(Path dir, ReportContext ctx) {
        ResultReader.LoadedRun run = ResultReader.load(dir);
        RunSummary summary = run.summary();
        if (summary == null) {
            throw new IllegalArgumentException(dir + ": no " + RunFolder.SUMMARY + "; the run stopped before its first step ended, so there is nothing to report");
        }
        Workload workload;
        try {
            workload = WorkloadYaml.recorded(run.workloadYaml(), dir.resolve(RunFolder.WORKLOAD).toString(), dir);
        } catch (WorkloadException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        Map<Integer, StepSummary> steps = new LinkedHashMap<>();
        summary.steps().forEach(s -> steps.put(s.step().index(), s));
        SessionSummary sessions = sessions(dir);
        List<TargetResult> targets = new ArrayList<>();
        for (Target t : workload.targets()) {
            List<LevelSummary> levels = summary.levels().stream().filter(l -> l.target().equals(t.name()))
                    .sorted(Comparator.comparingDouble(LevelSummary::load)).toList();
            if (levels.isEmpty()) continue; // an interrupted run may not have reached this target
            List<StepSummary> targetSteps = summary.steps().stream().filter(s -> s.step().target().equals(t.name())).toList();
            Map<StepSummary, Map<LatencyMetric, MetricHistograms>> logs = new LinkedHashMap<>();
            for (StepSummary s : targetSteps) logs.put(s, Histograms.read(dir, s));
            targets.add(new TargetResult(t.name(), levels.stream().map(l -> sweepStep(l, steps, logs, workload.checks().confidence())).toList(),
                    loadPoints(summary.sweeps().stream().filter(a -> a.target().equals(t.name())).findFirst(), workload),
                    Histograms.distributions(logs), Histograms.timeSeries(logs), Histograms.chosen(logs, workload.checks().percentiles()),
                    sessions == null ? List.of() : sessions.turns().stream().filter(x -> x.target().equals(t.name()) && steps.containsKey(x.step()))
                            .map(x -> new SessionTurnRow(steps.get(x.step()).step().load(), x)).toList()));
        }
        if (targets.isEmpty()) throw new IllegalArgumentException(dir + ": summary.json holds no finished load level");
        return new BenchmarkReportData(summary.run().runId(), provenance(dir, run, workload, ctx), WorkloadFacts.of(workload, summary),
                switch (workload.shape().load()) {
                    case LoadSpec.ClosedLoop c -> "concurrent users";
                    case LoadSpec.OpenLoop o -> "arrival rate (requests/s)";
                    case LoadSpec.Trace t -> "trace rate factor";
                }, geometric(workload.shape().load().levels()), targets);
    }

    /** {@code sessions.json} of a multi-turn run; null when the run has none. */
    private static SessionSummary sessions(Path dir) {
        Path file = dir.resolve(RunFolder.SESSIONS);
        if (!Files.exists(file)) return null;
        try {
            return Json.MAPPER.readValue(file.toFile(), SessionSummary.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Loads that (about) double or more at every step (1, 2, 4 ... or 0.5, 1, 2 ...) are drawn on a log axis. */
    static boolean geometric(List<Double> loads) {
        List<Double> sorted = loads.stream().sorted().toList();
        if (sorted.size() < 3 || sorted.getFirst() <= 0) return false;
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i) / sorted.get(i - 1) < 1.8) return false;
        }
        return true;
    }

    private static Provenance provenance(Path dir, ResultReader.LoadedRun run, Workload w, ReportContext ctx) {
        List<Fact> env = new ArrayList<>(EnvironmentFacts.of(run.env(), ctx));
        CommandFile.read(dir).ifPresent(c -> env.add(new Fact("Command as run", c)));
        List<EmulatedTarget> emulated = w.targets().stream().filter(Target::emulated)
                .map(t -> new EmulatedTarget(t.name(), t.emulatorProfile())).toList();
        return new Provenance(run.env().projectVersion(), reproduce(dir, w), env, emulated, ctx.generatedAt());
    }

    /**
     * The resolved workload holds every override and the seed, so running it again repeats the run.
     * Emulated targets need their emulator listening at the recorded port first.
     */
    static String reproduce(Path dir, Workload w) {
        StringBuilder out = new StringBuilder();
        for (Target t : w.targets()) {
            if (!t.emulated()) continue;
            int port = t.baseUrl().getPort();
            out.append(CommandFile.join("hybench", List.of("emulate", "--profile", t.emulatorProfile(), "--port", Integer.toString(port))))
                    .append(" &\n");
        }
        String workloadFile = dir.toAbsolutePath().normalize().resolve(RunFolder.WORKLOAD).toString();
        return out.append(CommandFile.join("hybench", List.of("bench", "--workload", workloadFile))).toString();
    }

    /**
     * One level as the pages show it. With one repetition, the level's noise is its step's: the summary's bootstrap
     * intervals (P99 TTFT and E2E, output tokens/s), else a block bootstrap over the step's seconds (every other
     * compared percentile from its .hlog, requests/s from its time series), so every compared figure has an interval.
     */
    private static SweepStep sweepStep(LevelSummary level, Map<Integer, StepSummary> steps,
                                       Map<StepSummary, Map<LatencyMetric, MetricHistograms>> logs, ConfidenceSpec confidence) {
        List<StepSummary> reps = level.steps().stream().map(steps::get).filter(java.util.Objects::nonNull).toList();
        StepSummary only = reps.size() == 1 ? reps.getFirst() : null;
        Map<LatencyMetric, MetricHistograms> hlog = only == null ? Map.of() : logs.getOrDefault(only, Map.of());
        Map<LatencyMetric, LatencyPercentiles> latency = new EnumMap<>(LatencyMetric.class);
        for (LatencyMetric m : LatencyMetric.values()) {
            Percentiles p = level.latencyMs().get(Metric.valueOf(m.name()));
            if (p == null || p.count() == 0) continue;
            MetricHistograms seconds = hlog.get(m);
            long seed = only == null ? 0 : only.step().index() * 64L + m.ordinal() * 2L;
            Estimate p50 = seconds == null ? Estimate.point(p.p50Ms()) : bounded(p.p50Ms(), IntervalBootstrap.percentileNanos(seconds.intervals(), 50, confidence, seed));
            Estimate p99 = seconds == null ? Estimate.point(p.p99Ms()) : bounded(p.p99Ms(), IntervalBootstrap.percentileNanos(seconds.intervals(), 99, confidence, seed + 1));
            if (only != null && m == LatencyMetric.TTFT) p99 = estimate(only.intervals().ttftP99Ms(), p.p99Ms());
            if (only != null && m == LatencyMetric.E2E) p99 = estimate(only.intervals().e2eP99Ms(), p.p99Ms());
            latency.put(m, new LatencyPercentiles(p50, Estimate.point(p.p90Ms()), Estimate.point(p.p95Ms()), p99,
                    Estimate.point(p.p999Ms()), p.maxMs()));
        }
        List<String> warnings = new ArrayList<>();
        for (StepSummary s : reps) {
            String which = reps.size() > 1 ? "repetition " + (s.step().repetition() + 1) + ": " : "";
            if (!s.complete()) warnings.add(which + "the run was interrupted during this step.");
            if (s.stopped() != null) {
                warnings.add(which + String.format(Locale.ROOT, "stopped %.1f s in: the server was over-saturated (requests in flight %+.2f/s, "
                        + "TTFT %+.0f ms/s; run.stopOnOverSaturation), so higher loads were not run.", s.stopped().atMs() / 1000,
                        s.stopped().concurrencySlope(), s.stopped().ttftSlopeMsPerS()));
            }
            s.selfCheck().warnings().forEach(x -> warnings.add(which + x));
        }
        double meanTokens = reps.stream().mapToDouble(s -> s.rates().outputTokensPerSecond()).average().orElse(Double.NaN);
        // a tolerance is never below its floor once computed: 0 is a folder written before timing uncertainty existed
        List<SelfCheck.Timing> timings = reps.stream().map(s -> s.selfCheck().timing()).filter(t -> t.toleranceMs() > 0).toList();
        SweepStep.Timing uncertainty = new SweepStep.Timing(largest(timings, SelfCheck.Timing::ttftUncertaintyMs),
                largest(timings, SelfCheck.Timing::uncertaintyMs), largest(timings, SelfCheck.Timing::e2eUncertaintyMs));
        LevelSummary.Throughput th = level.throughput();
        LevelSummary.Outcome o = level.outcome();
        Estimate requestsPerSecond = estimate(th.requestsPerSecond(), Double.NaN);
        if (only != null) requestsPerSecond = estimate(successesPerSecond(only, requestsPerSecond.value(), confidence), requestsPerSecond.value());
        return new SweepStep(level.load(), requestsPerSecond, estimate(th.outputTokensPerSecond(), meanTokens),
                estimate(th.goodputPerSecond(), Double.NaN), o.succeeded(), o.requests() - o.succeeded(), latency,
                uncertainty, level.requestTimingUncertaintyMs(), warnings);
    }

    /** The summary's value with the bounds of an interval computed here (in nanoseconds) from the step's .hlog. */
    private static Estimate bounded(double valueMs, ConfidenceInterval nanos) {
        ConfidenceInterval ms = nanos.scaled(1 / 1e6);
        return new Estimate(valueMs, ms.lower(), ms.upper());
    }

    /**
     * Bootstrap interval of a step's requests/s from its time series: successful requests per one-second sample,
     * over the samples wholly inside the step's measurement window (not the warm-up, not the drain).
     */
    private static ConfidenceInterval successesPerSecond(StepSummary step, double estimate, ConfidenceSpec confidence) {
        double[] counts = step.context().series().stream()
                .filter(x -> !x.warmup() && x.endNanos() - x.intervalNanos() >= step.window().startNanos() && x.endNanos() <= step.window().endNanos())
                .mapToDouble(x -> x.ended().completed() - x.ended().errors()).toArray();
        return Intervals.bootstrapRate(estimate, counts, 1.0, confidence, step.step().index() * 64L + 63);
    }

    /**
     * The interval's estimate and bounds; {@code measured} stands in for the estimate where the interval
     * has none (a step too short to bootstrap still has its own rate or percentile, just no interval).
     */
    /** The largest of one part over the repetitions' timing uncertainty; NaN when none measured it (null: not in the file). */
    private static double largest(List<SelfCheck.Timing> timings, Function<SelfCheck.Timing, Double> part) {
        return timings.stream().map(part).filter(ms -> ms != null && !ms.isNaN()).mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private static Estimate estimate(ConfidenceInterval ci, double measured) {
        if (ci == null) return Estimate.point(measured);
        return new Estimate(Double.isNaN(ci.estimate()) ? measured : ci.estimate(), ci.lower(), ci.upper());
    }

    private static LoadPoints loadPoints(Optional<SweepAnalysis> analysis, Workload w) {
        if (analysis.isEmpty()) return LoadPoints.none();
        SweepAnalysis a = analysis.get();
        Optional<LoadPoint> saturation = Optional.ofNullable(a.saturationLoad()).map(l -> new LoadPoint(l,
                "first load reaching " + WorkloadFacts.number(w.checks().analysis().saturationFraction() * 100) + "% of peak throughput"));
        Optional<LoadPoint> slo = Optional.ofNullable(a.largestLoadMeetingSlos()).map(l -> new LoadPoint(l, "it and every lower load meet the SLOs"));
        Optional<LoadPoint> collapse = Optional.ofNullable(a.collapseLoad()).map(l -> new LoadPoint(l,
                a.collapseReasons().isEmpty() ? "collapse" : String.join("; ", a.collapseReasons())));
        return new LoadPoints(saturation, slo, collapse);
    }

    /** The .hlog side: whole-run distributions and tail latency over time. */
    private static final class Histograms {
        /** Every step's histograms of one target added up: its whole-run distribution per metric. */
        /** Each step's value at each chosen percentile, per metric, from its merged histograms. */
        static ChosenPercentileRows chosen(Map<StepSummary, Map<LatencyMetric, MetricHistograms>> logs, ChosenPercentiles percentiles) {
            List<ChosenPercentileRows.Row> rows = new ArrayList<>();
            logs.forEach((step, metrics) -> {
                Map<LatencyMetric, double[]> values = new EnumMap<>(LatencyMetric.class);
                metrics.forEach((m, h) -> values.put(m, Metrics.percentilesMs(h.merged(), percentiles.values())));
                rows.add(new ChosenPercentileRows.Row(step.step().load(), step.step().repetition(), values, step.rates().cachedInputShare()));
            });
            return new ChosenPercentileRows(percentiles.values(), rows);
        }

        static Map<LatencyMetric, PercentileSpectrum> distributions(Map<StepSummary, Map<LatencyMetric, MetricHistograms>> logs) {
            Map<LatencyMetric, Histogram> merged = new EnumMap<>(LatencyMetric.class);
            for (Map<LatencyMetric, MetricHistograms> step : logs.values()) {
                for (Map.Entry<LatencyMetric, MetricHistograms> e : step.entrySet()) {
                    merged.computeIfAbsent(e.getKey(), m -> new Histogram(e.getValue().merged().getNumberOfSignificantValueDigits()))
                            .add(e.getValue().merged());
                }
            }
            Map<LatencyMetric, PercentileSpectrum> out = new EnumMap<>(LatencyMetric.class);
            merged.forEach((m, h) -> {
                if (h.getTotalCount() > 0) out.put(m, PercentileSpectrum.fromNanos(h));
            });
            return out;
        }

        /**
         * Per-second series on the run's clock: rates, in-flight, server gauges and GPU readings (where
         * sampled) from summary.json's samples, P99
         * TTFT and E2E from the interval histograms, each step's log placed at the step's first sample.
         */
        static List<TimeSeries> timeSeries(Map<StepSummary, Map<LatencyMetric, MetricHistograms>> logs) {
            Series tokens = new Series("output tokens/s"), completed = new Series("requests ended/s"), errors = new Series("errors/s"),
                    inFlight = new Series("in-flight requests"), ttft = new Series("P99 TTFT (ms)"), e2e = new Series("P99 E2E (ms)"),
                    waiting = new Series("server queue (vLLM requests waiting)"), running = new Series("server running (vLLM requests running)"),
                    kvCache = new Series("KV-cache use (%)"), gpuPower = new Series("GPU power (W)"), gpuUtil = new Series("GPU utilisation (%)");
            for (Map.Entry<StepSummary, Map<LatencyMetric, MetricHistograms>> step : logs.entrySet()) {
                StepSummary s = step.getKey();
                for (SecondSample x : s.context().series()) {
                    double t = x.endNanos() / 1e9, seconds = x.intervalNanos() / 1e9;
                    if (seconds <= 0) continue;
                    tokens.add(t, x.outputTokensPerSecond());
                    completed.add(t, x.ended().completed() / seconds);
                    errors.add(t, x.ended().errors() / seconds);
                    inFlight.add(t, x.inFlight());
                    if (x.server() instanceof ServerGauges.Vllm v) {
                        if (v.waiting() != null) waiting.add(t, v.waiting());
                        if (v.running() != null) running.add(t, v.running());
                        if (v.kvCacheUsage() != null) kvCache.add(t, v.kvCacheUsage() * 100);
                    }
                    if (x.gpu() != null && x.gpu().powerWatts() != null) gpuPower.add(t, x.gpu().powerWatts());
                    if (x.gpu() != null && x.gpu().utilizationPercent() != null) gpuUtil.add(t, x.gpu().utilizationPercent());
                }
                if (s.context().series().isEmpty()) continue;
                SecondSample first = s.context().series().getFirst();
                double stepStart = (first.endNanos() - first.intervalNanos()) / 1e9;
                tail(step.getValue().get(LatencyMetric.TTFT), stepStart, ttft);
                tail(step.getValue().get(LatencyMetric.E2E), stepStart, e2e);
            }
            return List.of(tokens, completed, inFlight, errors, ttft, e2e, waiting, running, kvCache, gpuPower, gpuUtil).stream().filter(Series::any).map(Series::toTimeSeries).toList();
        }

        private static void tail(MetricHistograms h, double offsetSeconds, Series into) {
            if (h == null) return;
            for (IntervalHistogram i : h.intervals()) {
                if (i.buckets().totalCount() == 0) continue;
                into.add(offsetSeconds + i.endSeconds(), i.valueAtPercentile(TAIL_PERCENTILE) / 1e6);
            }
        }

        /** One step's .hlog, read once, by metric. */
        static Map<LatencyMetric, MetricHistograms> read(Path dir, StepSummary s) {
            Map<LatencyMetric, MetricHistograms> out = new EnumMap<>(LatencyMetric.class);
            String hlog = s.context().hlog();
            if (hlog == null) return out;
            Path log = dir.resolve(hlog);
            if (!Files.isRegularFile(log)) {
                throw new IllegalArgumentException(dir + ": summary.json names " + hlog + " for step " + s.step().index() + ", but the file is missing");
            }
            Map<String, MetricHistograms> byTag = HistogramLogs.read(List.of(log));
            for (LatencyMetric m : LatencyMetric.values()) {
                MetricHistograms h = byTag.get(Metric.valueOf(m.name()).tag());
                if (h != null) out.put(m, h);
            }
            return out;
        }
    }

    /** A growing time series. */
    private static final class Series {
        private final String quantity;
        private final List<double[]> points = new ArrayList<>();

        Series(String quantity) {
            this.quantity = quantity;
        }

        void add(double seconds, double value) {
            points.add(new double[] {seconds, value});
        }

        boolean any() {
            return !points.isEmpty();
        }

        TimeSeries toTimeSeries() {
            return new TimeSeries(quantity, points.stream().mapToDouble(p -> p[0]).toArray(), points.stream().mapToDouble(p -> p[1]).toArray());
        }
    }
}
