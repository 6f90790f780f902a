package io.hybench.bench.metrics;

import io.hybench.bench.client.ErrorClass;
import io.hybench.bench.client.http.StampingDelay;
import io.hybench.bench.context.SamplingStatus;
import io.hybench.core.stats.ConfidenceInterval;
import io.hybench.core.stats.ConfidenceSpec;
import io.hybench.core.stats.Intervals;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds a {@link StepSummary} from what a step recorded; every figure comes from {@link Metrics}. */
public final class StepSummaries {
    private StepSummaries() {
    }

    /**
     * What the runner knows about a step besides its recordings.
     *
     * @param stillInFlight requests that had not ended when the drain timeout expired (or the run was
     *                      interrupted); they are missing from the numbers
     * @param seed          seed for the bootstrap resampling of this step
     */
    public record StepInfo(int index, String target, String mode, double load, int repetition, boolean complete, long windowStartNanos,
                           long warmupRequests, int stillInFlight, String hlog, Slo slo, TrustLimits trust,
                           ConfidenceSpec confidence, long seed) {
    }

    /**
     * @param delivered output tokens delivered from the end of the warm-up to the end of the load
     *                  ({@link DeliveredTokens#until}), the basis of output tokens/s and its interval
     * @param context   what was sampled besides the requests, and the GPU energy over the load window
     */
    /**
     * What a step sampled besides its requests.
     *
     * @param gpuJoules   GPU energy over the load window, NaN when not measured
     * @param hiccupP99Ms P99 of how late a harness thread woke up after the warm-up, NaN when not measured
     * @param stamping    the client I/O threads' stamping delays after the warm-up ({@link StampingDelay}), null when not measured
     */
    public record StepContext(SamplingStatus serverContext, SamplingStatus gpu, double gpuJoules, double hiccupP99Ms,
                              StampingDelay.Reading stamping) {
    }

    public static StepSummary build(StepInfo info, StepAccumulator.Snapshot acc, DeliveredTokens.Window delivered,
                                    Map<Metric, Histogram> totals, double meanInFlight, List<SecondSample> series,
                                    StepContext context) {
        long windowEnd = acc.requests() == 0 ? info.windowStartNanos() : Math.max(acc.lastEndNanos(), info.windowStartNanos());
        long window = windowEnd - info.windowStartNanos();
        double requestsPerSecond = Metrics.requestsPerSecond(acc.succeeded(), window);
        double tokensPerSecond = Metrics.deliveredOutputTokensPerSecond(delivered.tokens(), delivered.windowNanos());
        double goodput = Metrics.goodputPerSecond(acc.good(), window);
        double goodFraction = Metrics.fraction(acc.good(), acc.requests());
        boolean meets = Metrics.stepMeetsSlos(acc.good(), acc.requests(), info.slo());
        double errorRate = Metrics.fraction(acc.requests() - acc.succeeded(), acc.requests());
        double offered = Metrics.offeredRatePerSecond(acc.requests(), acc.firstIntendedNanos(), acc.lastIntendedNanos());

        EnumMap<Metric, Percentiles> latency = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) latency.put(m, Metrics.percentiles(totals.get(m)));

        ConfidenceSpec cs = info.confidence();
        ConfidenceInterval ttftCi = Intervals.bootstrapPercentile(acc.ttftNanos(), acc.ttftNanos().length, 99, cs, info.seed())
                .scaled(1 / 1e6);
        ConfidenceInterval e2eCi = Intervals.bootstrapPercentile(acc.e2eNanos(), acc.e2eNanos().length, 99, cs, info.seed() + 1)
                .scaled(1 / 1e6);
        ConfidenceInterval tokensCi = Intervals.bootstrapRate(tokensPerSecond, delivered.perWholeSecond(), 1.0, cs, info.seed() + 2);

        double completionsPerSecond = Metrics.completionsPerSecond(acc.requests(), window);
        double predicted = Metrics.littleLawInFlight(completionsPerSecond, acc.meanLatencyNanos());
        SelfCheck check = selfCheck(info, meanInFlight, predicted, Metrics.percentiles(totals.get(Metric.SCHEDULE_LAG)).p99Ms(),
                context, latency, series);

        return new StepSummary(info.index(), info.target(), info.mode(), info.load(), info.repetition(), info.complete(),
                info.windowStartNanos(), windowEnd, delivered.windowNanos(), acc.requests(), acc.succeeded(), acc.errors(), info.warmupRequests(),
                acc.outputTokens(), requestsPerSecond, tokensPerSecond, goodput, goodFraction, meets, errorRate, offered,
                latency, ttftCi, e2eCi, tokensCi, check, info.hlog(), series, context.serverContext(), context.gpu(),
                Metrics.outputTokensPerJoule(delivered.tokens(), context.gpuJoules()));
    }

    private static SelfCheck selfCheck(StepInfo info, double meanInFlight, double predicted, double lagP99Ms, StepContext context,
                                       Map<Metric, Percentiles> latency, List<SecondSample> series) {
        double hiccupP99Ms = context.hiccupP99Ms();
        TrustLimits limits = info.trust();
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
        if (hiccupP99Ms > limits.maxHiccupP99Ms()) {
            warnings.add(String.format(Locale.ROOT, "harness threads woke late: P99 %.1f ms (limit %.1f ms), so arrival times can be"
                    + " that late (GC pauses or a busy machine)", hiccupP99Ms, limits.maxHiccupP99Ms()));
        }
        double stampDelayP99Ms = context.stamping() == null ? Double.NaN : Metrics.percentiles(context.stamping().inBatch()).p99Ms();
        double loopLagP99Ms = context.stamping() == null ? Double.NaN : Metrics.percentiles(context.stamping().loopLag()).p99Ms();
        double uncertaintyMs = Metrics.timingUncertaintyMs(stampDelayP99Ms, loopLagP99Ms);
        double toleranceMs = Metrics.timingToleranceMs(latency.get(Metric.ITL), latency.get(Metric.TTFT), limits);
        if (uncertaintyMs > toleranceMs) {
            warnings.add(String.format(Locale.ROOT, "arrival stamps uncertain by %.2f ms (P99 in-batch stamp delay %.2f + P99 I/O loop lag"
                    + " %.2f), more than the %.2f ms its latencies can carry (%s)", uncertaintyMs, stampDelayP99Ms, loopLagP99Ms,
                    toleranceMs, Metrics.timingToleranceBasis(latency.get(Metric.ITL), latency.get(Metric.TTFT), limits)));
        }
        double cpuSum = 0;
        double cpuMax = Double.NaN;
        int cpuCount = 0;
        for (SecondSample s : series) {
            if (s.warmup() || !Double.isFinite(s.harnessCpu())) continue;
            cpuSum += s.harnessCpu();
            cpuMax = cpuCount == 0 ? s.harnessCpu() : Math.max(cpuMax, s.harnessCpu());
            cpuCount++;
        }
        double cpuMean = cpuCount == 0 ? Double.NaN : cpuSum / cpuCount;
        if (cpuMean > limits.maxHarnessCpuFraction()) {
            warnings.add(String.format(Locale.ROOT, "harness CPU busy: %.0f%% of all cores on average (limit %.0f%%)",
                    cpuMean * 100, limits.maxHarnessCpuFraction() * 100));
        }
        if (info.stillInFlight() > 0) {
            warnings.add(info.stillInFlight() + " requests had not ended when the step stopped; they are missing from the numbers");
        }
        if (!info.complete()) warnings.add("run interrupted during this step; numbers cover what ended before");
        return new SelfCheck(meanInFlight, predicted, gap, lagP99Ms, hiccupP99Ms, stampDelayP99Ms, loopLagP99Ms, uncertaintyMs,
                toleranceMs, cpuMean, cpuMax, warnings.isEmpty(), warnings);
    }

    /**
     * Combines the repetitions of one load level (all of the same target and load, in run order) with
     * their histograms, in the same order.
     */
    public static LevelSummary level(List<StepSummary> reps, List<Map<Metric, Histogram>> totals, Slo slo, double confidenceLevel) {
        if (reps.isEmpty() || reps.size() != totals.size()) throw new IllegalArgumentException("need one histogram set per repetition");
        StepSummary first = reps.get(0);
        long requests = 0;
        long succeeded = 0;
        long good = 0;
        double[] tokens = new double[reps.size()];
        double[] rps = new double[reps.size()];
        double[] goodput = new double[reps.size()];
        List<Integer> steps = new ArrayList<>();
        boolean complete = true;
        boolean trusted = true;
        for (int i = 0; i < reps.size(); i++) {
            StepSummary r = reps.get(i);
            if (!r.target().equals(first.target()) || r.load() != first.load()) throw new IllegalArgumentException("steps of different levels");
            requests += r.requests();
            succeeded += r.succeeded();
            if (r.requests() > 0) good += Math.round(r.goodFraction() * r.requests());
            tokens[i] = r.outputTokensPerSecond();
            rps[i] = r.requestsPerSecond();
            goodput[i] = r.goodputPerSecond();
            steps.add(r.index());
            complete &= r.complete();
            trusted &= r.selfCheck().trusted();
        }
        EnumMap<Metric, Percentiles> latency = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) {
            Histogram merged = new Histogram(3);
            for (Map<Metric, Histogram> t : totals) merged.add(t.get(m));
            latency.put(m, Metrics.percentiles(merged));
        }
        ConfidenceInterval tokensCi = reps.size() == 1 ? first.outputTokensPerSecondCi() : Intervals.repetitionInterval(tokens, confidenceLevel);
        return new LevelSummary(first.target(), first.mode(), first.load(), steps, complete, trusted, requests, succeeded,
                Metrics.fraction(requests - succeeded, requests), Metrics.fraction(good, requests),
                Metrics.stepMeetsSlos(good, requests, slo), tokensCi, Intervals.repetitionInterval(rps, confidenceLevel),
                Intervals.repetitionInterval(goodput, confidenceLevel), latency);
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
