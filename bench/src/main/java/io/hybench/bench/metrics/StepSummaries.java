package io.hybench.bench.metrics;

import io.hybench.bench.client.ErrorClass;
import io.hybench.bench.context.SamplingStatus;
import io.hybench.core.stats.ConfidenceInterval;
import io.hybench.core.stats.ConfidenceSpec;
import io.hybench.core.stats.Intervals;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds a {@link StepSummary} from a step's {@link StepStats}, the one path for a single run and for shards
 * merged; every figure comes from {@link Metrics}.
 */
public final class StepSummaries {
    private StepSummaries() {
    }

    /**
     * What the runner knows about a step besides its recordings.
     *
     * @param step     which step
     * @param complete false when the run was interrupted during it
     * @param settings how its figures are judged
     */
    /** @param stopped why the step stopped early, null when it ran its course */
    public record StepInfo(StepSummary.StepId step, boolean complete, Settings settings, OverSaturation.Verdict stopped) {
    }

    /**
     * @param seed        seed for the bootstrap resampling of this step
     * @param percentiles the percentiles the user chose to see beside the fixed ones
     */
    public record Settings(Slo slo, TrustLimits trust, ConfidenceSpec confidence, long seed, ChosenPercentiles percentiles) {
        public Settings {
            percentiles = percentiles != null ? percentiles : ChosenPercentiles.DEFAULT;
        }
    }

    /**
     * What a step sampled besides its requests.
     *
     * @param gpuJoules GPU energy over the load window, NaN when not measured
     */
    public record StepContext(String hlog, List<SecondSample> series, SamplingStatus serverContext, SamplingStatus gpu,
                              double gpuJoules) {
    }

    public static StepSummary build(StepInfo info, StepStats stats, StepContext context) {
        StepStats.Counts c = stats.counts();
        Settings settings = info.settings();
        long windowStart = stats.span().windowStartNanos();
        long windowEnd = stats.span().windowEndNanos(c.requests());
        long window = windowEnd - windowStart;
        DeliveredTokens.Window delivered = stats.delivered();
        double tokensPerSecond = Metrics.deliveredOutputTokensPerSecond(delivered.tokens(), delivered.windowNanos());
        StepSummary.Rates rates = new StepSummary.Rates(Metrics.requestsPerSecond(c.succeeded(), window), tokensPerSecond,
                Metrics.goodputPerSecond(c.good(), window),
                Metrics.offeredRatePerSecond(c.requests(), stats.span().firstIntendedNanos(), stats.span().lastIntendedNanos()),
                Metrics.fraction(c.good(), c.requests()), Metrics.stepMeetsSlos(c.good(), c.requests(), settings.slo()),
                Metrics.fraction(c.requests() - c.succeeded(), c.requests()), Metrics.cachedInputShare(c.promptCache()));

        EnumMap<Metric, Percentiles> latency = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) latency.put(m, Metrics.percentiles(stats.histograms().get(m)));

        ConfidenceSpec cs = settings.confidence();
        long[] ttft = stats.samples().ttftNanos();
        long[] e2e = stats.samples().e2eNanos();
        StepSummary.ConfidenceIntervals intervals = new StepSummary.ConfidenceIntervals(
                Intervals.bootstrapPercentile(ttft, ttft.length, 99, cs, settings.seed()).scaled(1 / 1e6),
                Intervals.bootstrapPercentile(e2e, e2e.length, 99, cs, settings.seed() + 1).scaled(1 / 1e6),
                Intervals.bootstrapRate(tokensPerSecond, delivered.perWholeSecond(), 1.0, cs, settings.seed() + 2));

        double meanInFlight = window <= 0 ? Double.NaN : stats.harness().inFlightAreaNanos() / window;
        double meanLatency = c.requests() == 0 ? Double.NaN : (double) stats.span().latencySumNanos() / c.requests();
        double predicted = Metrics.littleLawInFlight(Metrics.completionsPerSecond(c.requests(), window), meanLatency);
        SelfCheck check = selfCheck(info, c.stillInFlight(), meanInFlight, predicted, latency, stats.harness(), stats.requestTiming());

        StepSummary.Counts counts = new StepSummary.Counts(c.requests(), c.succeeded(), c.errors(), c.warmupRequests(),
                c.outputTokens(), c.stillInFlight());
        StepSummary.Context ctx = new StepSummary.Context(context.hlog(), context.series(), context.serverContext(), context.gpu(),
                Metrics.outputTokensPerJoule(delivered.tokens(), context.gpuJoules()));
        return new StepSummary(info.step(), info.complete(), new StepSummary.Window(windowStart, windowEnd, delivered.windowNanos()),
                counts, rates, latency, Metrics.chosenPercentilesMs(stats.histograms(), settings.percentiles()), intervals, check,
                requestTimingUncertainty(stats), ctx, info.stopped());
    }

    private static SelfCheck selfCheck(StepInfo info, long stillInFlight, double meanInFlight, double predicted,
                                       Map<Metric, Percentiles> latency, StepStats.Harness harness,
                                       StepStats.RequestTiming requestTiming) {
        double lagP99Ms = latency.get(Metric.SCHEDULE_LAG).p99Ms();
        TrustLimits limits = info.settings().trust();
        List<String> warnings = new ArrayList<>();
        double gap = Metrics.relativeGap(meanInFlight, predicted);
        if (gap > limits.littleLawTolerance()) {
            warnings.add(String.format(Locale.ROOT, "Little's law off by %.0f%%: %.2f in flight observed, %.2f from throughput x latency",
                    gap * 100, meanInFlight, predicted));
        }
        if (lagP99Ms > limits.maxScheduleLagP99Ms()) {
            warnings.add(String.format(Locale.ROOT, "harness fell behind its schedule: P99 dispatch lag %.1f ms (limit %.1f ms)",
                    lagP99Ms, limits.maxScheduleLagP99Ms()));
        }
        double hiccupP99Ms = harness.lateness().hiccupP99Ms();
        if (hiccupP99Ms > limits.maxHiccupP99Ms()) {
            warnings.add(String.format(Locale.ROOT, "harness threads woke late: P99 %.1f ms (limit %.1f ms), so arrival times can be"
                    + " that late (GC pauses or a busy machine)", hiccupP99Ms, limits.maxHiccupP99Ms()));
        }
        double stampDelayP99Ms = harness.lateness().stampDelayP99Ms();
        double loopLagP99Ms = harness.lateness().ioLoopLagP99Ms();
        double uncertaintyMs = Metrics.timingUncertaintyMs(stampDelayP99Ms, loopLagP99Ms);
        double toleranceMs = Metrics.timingToleranceMs(latency.get(Metric.ITL), latency.get(Metric.TTFT), limits);
        String basis = Metrics.timingToleranceBasis(latency.get(Metric.ITL), latency.get(Metric.TTFT), limits);
        if (uncertaintyMs > toleranceMs) {
            String parts = Double.isNaN(loopLagP99Ms) // the kernel stamped the reads: no loop's lag in them (docs/metrics.md)
                    ? String.format(Locale.ROOT, "P99 in-batch stamp delay %.2f, kernel arrival stamps", stampDelayP99Ms)
                    : String.format(Locale.ROOT, "P99 in-batch stamp delay %.2f + P99 I/O loop lag %.2f", stampDelayP99Ms, loopLagP99Ms);
            warnings.add(String.format(Locale.ROOT, "arrival stamps uncertain by %.2f ms (%s), more than the %.2f ms its latencies can"
                    + " carry (%s)", uncertaintyMs, parts, toleranceMs, basis));
        }
        double ttftMs = Metrics.p99Ms(requestTiming.ttftNanos());
        double e2eMs = Metrics.p99Ms(requestTiming.e2eNanos());
        endStampWarning(warnings, "TTFT", ttftMs, toleranceMs, basis);
        endStampWarning(warnings, "E2E", e2eMs, toleranceMs, basis);
        double cpuMean = harness.cpuMean();
        if (cpuMean > limits.maxHarnessCpuFraction()) {
            warnings.add(String.format(Locale.ROOT, "harness CPU busy: %.0f%% of all cores on average (limit %.0f%%)",
                    cpuMean * 100, limits.maxHarnessCpuFraction() * 100));
        }
        if (stillInFlight > 0) {
            warnings.add(stillInFlight + " requests had not ended when the step stopped; they are missing from the numbers");
        }
        if (!info.complete()) warnings.add("run interrupted during this step; numbers cover what ended before");
        return SelfCheck.of(new SelfCheck.LittleLaw(meanInFlight, predicted, gap), lagP99Ms, harness.lateness(),
                new SelfCheck.Timing(uncertaintyMs, ttftMs, e2eMs, toleranceMs), new SelfCheck.HarnessCpu(cpuMean, harness.cpuMax()), warnings);
    }

    /** One latency's end stamps judged over the step's requests: one of them stalled moves its P99, not the read-wide one. */
    private static void endStampWarning(List<String> warnings, String latency, double uncertaintyMs, double toleranceMs, String basis) {
        if (uncertaintyMs > toleranceMs) {
            warnings.add(String.format(Locale.ROOT, "%s end stamps uncertain by %.2f ms (P99 over requests of the stamp's in-batch delay"
                    + " + its loop's lag), more than the %.2f ms its latencies can carry (%s)", latency, uncertaintyMs, toleranceMs, basis));
        }
    }

    /**
     * Combines the repetitions of one load level (all of the same target and load, in run order) with
     * their statistics, in the same order.
     */
    public static LevelSummary level(List<StepSummary> reps, List<StepStats> stats, Slo slo, double confidenceLevel) {
        if (reps.isEmpty() || reps.size() != stats.size()) throw new IllegalArgumentException("need one statistics snapshot per repetition");
        StepSummary.StepId first = reps.get(0).step();
        double[] tokens = new double[reps.size()];
        double[] rps = new double[reps.size()];
        double[] goodput = new double[reps.size()];
        List<Integer> steps = new ArrayList<>();
        boolean complete = true;
        boolean trusted = true;
        for (int i = 0; i < reps.size(); i++) {
            StepSummary r = reps.get(i);
            if (!r.step().target().equals(first.target()) || r.step().load() != first.load()) {
                throw new IllegalArgumentException("steps of different levels");
            }
            tokens[i] = r.rates().outputTokensPerSecond();
            rps[i] = r.rates().requestsPerSecond();
            goodput[i] = r.rates().goodputPerSecond();
            steps.add(r.step().index());
            complete &= r.complete();
            trusted &= r.selfCheck().trusted();
        }
        StepStats pooled = StepStats.merge(stats);
        StepStats.Counts c = pooled.counts();
        EnumMap<Metric, Percentiles> latency = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) latency.put(m, Metrics.percentiles(pooled.histograms().get(m)));
        ConfidenceInterval tokensCi = reps.size() == 1 ? reps.get(0).intervals().outputTokensPerSecond()
                : Intervals.repetitionInterval(tokens, confidenceLevel);
        LevelSummary.Outcome outcome = new LevelSummary.Outcome(c.requests(), c.succeeded(),
                Metrics.fraction(c.requests() - c.succeeded(), c.requests()), Metrics.fraction(c.good(), c.requests()),
                Metrics.stepMeetsSlos(c.good(), c.requests(), slo));
        LevelSummary.Throughput throughput = new LevelSummary.Throughput(tokensCi, Intervals.repetitionInterval(rps, confidenceLevel),
                Intervals.repetitionInterval(goodput, confidenceLevel));
        return new LevelSummary(first.target(), first.mode(), first.load(), steps, complete, trusted, outcome, throughput, latency,
                requestTimingUncertainty(pooled));
    }

    private static RequestTimingUncertainty requestTimingUncertainty(StepStats stats) {
        return Metrics.requestTimingUncertainty(stats.requestTiming().uncertaintyNanos(), stats.requestTiming().requestsWithout());
    }

    /**
     * The levels (repetitions combined) and one collapse analysis per target, from the steps in run order with
     * their statistics in the same order.
     *
     * @param targets target names in run order
     * @param loads   the sweep's load levels
     */
    public static Sweeps sweeps(List<String> targets, List<Double> loads, List<StepSummary> steps, List<StepStats> stats, Slo slo,
                                double confidenceLevel, CollapseCriteria criteria) {
        List<LevelSummary> levels = new ArrayList<>();
        List<SweepAnalysis> analyses = new ArrayList<>();
        for (String t : targets) {
            List<SweepPoint> points = new ArrayList<>();
            for (double load : loads) {
                List<StepSummary> reps = new ArrayList<>();
                List<StepStats> repStats = new ArrayList<>();
                for (int i = 0; i < steps.size(); i++) {
                    if (steps.get(i).step().target().equals(t) && steps.get(i).step().load() == load) {
                        reps.add(steps.get(i));
                        repStats.add(stats.get(i));
                    }
                }
                if (reps.isEmpty()) continue;
                LevelSummary level = level(reps, repStats, slo, confidenceLevel);
                levels.add(level);
                points.add(SweepPoint.of(level));
            }
            if (!points.isEmpty()) analyses.add(Metrics.analyzeSweep(t, points, criteria, Metrics.hasLimits(slo)));
        }
        return new Sweeps(levels, analyses);
    }

    /** The levels of a run and the collapse analysis of each target's sweep over them. */
    public record Sweeps(List<LevelSummary> levels, List<SweepAnalysis> analyses) {
    }

    /** Per-class error counts in a stable order, for printing. */
    public static String errorsText(Map<ErrorClass, Long> errors) {
        if (errors.isEmpty()) return "-";
        StringBuilder b = new StringBuilder();
        for (ErrorClass c : ErrorClass.values()) {
            Long n = errors.get(c);
            if (n == null) continue;
            if (!b.isEmpty()) b.append(' ');
            b.append(c.name().toLowerCase(Locale.ROOT)).append('=').append(n);
        }
        return b.toString();
    }
}
