package io.hybench.bench.metrics;

import io.hybench.bench.client.ApiKind;
import io.hybench.bench.client.ErrorClass;
import io.hybench.bench.client.RequestError;
import io.hybench.bench.client.RequestRecord;
import io.hybench.bench.client.TokenCountSource;
import io.hybench.bench.client.http.StampingDelay;
import io.hybench.bench.context.SamplingStatus;
import io.hybench.core.stats.ConfidenceInterval;
import io.hybench.core.stats.ConfidenceSpec;
import io.hybench.core.stats.Intervals;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StepSummariesTest {
    private static final long MS = 1_000_000L;

    private static RequestRecord ok(long intendedMs, long[] chunksMs, long endMs) {
        long[] chunks = new long[chunksMs.length];
        for (int i = 0; i < chunks.length; i++) chunks[i] = chunksMs[i] * MS;
        return new RequestRecord("r", new RequestRecord.Destination("t", ApiKind.OPENAI, "m", "/x"),
                new RequestRecord.Timeline(intendedMs * MS, intendedMs * MS, intendedMs * MS, chunks[0], chunks, new int[chunks.length], endMs * MS),
                new RequestRecord.Tokens(5, TokenCountSource.SERVER, chunks.length, TokenCountSource.SERVER, false), new RequestRecord.Reply("stop", "", null, null), null, null);
    }

    private static RequestRecord failed(long intendedMs, long endMs) {
        return new RequestRecord("r", new RequestRecord.Destination("t", ApiKind.OPENAI, "m", "/x"),
                new RequestRecord.Timeline(intendedMs * MS, intendedMs * MS, null, null, new long[0], new int[0], endMs * MS),
                RequestRecord.Tokens.UNKNOWN, RequestRecord.Reply.ofText(""), new RequestError(ErrorClass.OVERLOADED, 503, "busy", null), null);
    }

    private static final Slo SLO = new Slo(500.0, null, null, 0.9);
    private static final StepStats.Lateness LATE = new StepStats.Lateness(0.3, Double.NaN, Double.NaN);
    private static final StepSummaries.StepInfo INFO = new StepSummaries.StepInfo(new StepSummary.StepId(3, "t", "open", 2.0, 0), true,
            new StepSummaries.Settings(SLO, TrustLimits.defaults(), new ConfidenceSpec(200, 0.95), 1, null), null);
    private static final StepSummaries.StepContext CONTEXT = new StepSummaries.StepContext("step-03-t.hlog", List.of(),
            SamplingStatus.notSampled("GET /metrics", "test"), SamplingStatus.notSampled("nvidia-smi", "test"), Double.NaN);

    private static StepSummary summarize(double meanInFlight, List<SecondSample> series) {
        return summarize(meanInFlight, series, 0.3);
    }

    private static StepSummary summarize(double meanInFlight, List<SecondSample> series, double hiccupP99Ms) {
        return summarize(meanInFlight, series, hiccupP99Ms, null);
    }

    private static StepSummary summarize(double meanInFlight, List<SecondSample> series, double hiccupP99Ms, StampingDelay.Reading stamping) {
        StepStats.Lateness lateness = new StepStats.Lateness(hiccupP99Ms,
                stamping == null ? Double.NaN : Metrics.percentiles(stamping.inBatch()).p99Ms(),
                stamping == null ? Double.NaN : Metrics.percentiles(stamping.loopLag()).p99Ms());
        StepStats s = stats(series, lateness);
        StepStats.Harness h = s.harness();
        StepStats.Harness inFlight = new StepStats.Harness(meanInFlight * 2000 * MS, h.lateness(), h.cpuSum(), h.cpuSeconds(), h.cpuMax());
        return StepSummaries.build(INFO, new StepStats(s.counts(), s.span(), s.histograms(), s.samples(), s.delivered(), inFlight, s.requestTiming()), CONTEXT);
    }

    /** Four measured requests and seven warm-up ones, each dispatched on time and in flight from send to end. */
    static StepStats stats(List<SecondSample> series, StepStats.Lateness lateness) {
        StepRecording rec = new StepRecording(SLO, 0);
        List<RequestRecord> records = List.of(
                ok(0, new long[] {100, 200, 300}, 300),     // TTFT 100, E2E 300: good
                ok(1000, new long[] {1600, 1700}, 1700),    // TTFT 600 > 500: succeeded, not good
                failed(1500, 1510),
                ok(1800, new long[] {1900}, 2000));         // one token, E2E 200: good
        // in-flight changes in time order: the second request is still running while the third comes and goes
        rec.dispatched(records.get(0).timeline().intendedSendNanos(), records.get(0).timeline().intendedSendNanos() + MS / 2);
        rec.returned(records.get(0).timeline().endNanos());
        for (int i : new int[] {1, 2}) rec.dispatched(records.get(i).timeline().intendedSendNanos(), records.get(i).timeline().intendedSendNanos() + MS / 2);
        rec.returned(records.get(2).timeline().endNanos());
        rec.returned(records.get(1).timeline().endNanos());
        rec.dispatched(records.get(3).timeline().intendedSendNanos(), records.get(3).timeline().intendedSendNanos() + MS / 2);
        rec.returned(records.get(3).timeline().endNanos());
        records.forEach(r -> rec.add(r, false));
        for (int i = 0; i < 7; i++) rec.add(failed(-100, -50), true);
        rec.recorders().drainInterval(0, 2000, (m, h) -> {
        });
        return rec.snapshot(2000 * MS, 0, lateness, series);
    }

    @Test
    void aggregatesMatchHandComputedValues() {
        StepSummary s = summarize(0.605, List.of());
        assertEquals(0.604, StepSummaries.build(INFO, stats(List.of(), LATE), CONTEXT).selfCheck().littleLaw().meanInFlight(), 1e-12,
                "(300 + 700 + 10 + 200 - 4 x 0.5) ms in flight over 2 s, from the gauge");
        assertEquals(2000 * MS, s.window().endNanos(), "window ends when the last measured request ended");
        assertEquals(4, s.counts().requests());
        assertEquals(3, s.counts().succeeded());
        assertEquals(Map.of(ErrorClass.OVERLOADED, 1L), s.counts().errors());
        assertEquals(6, s.counts().outputTokens());
        assertEquals(1.5, s.rates().requestsPerSecond(), 1e-12, "3 successes / 2 s");
        assertEquals(3.0, s.rates().outputTokensPerSecond(), 1e-12, "6 tokens / 2 s");
        assertEquals(1.0, s.rates().goodputPerSecond(), 1e-12, "2 good / 2 s");
        assertEquals(0.5, s.rates().goodFraction(), 1e-12, "2 good of 4, the failure counts against");
        assertFalse(s.rates().meetsSlos(), "0.5 < 0.9 attainment");
        assertEquals(0.25, s.rates().errorRate(), 1e-12);
        assertEquals(3 / 1.8, s.rates().offeredRatePerSecond(), 1e-9, "4 arrivals over 1.8 s from first to last");
        assertEquals(7, s.counts().warmupRequests());
        Percentiles e2e = s.latencyMs().get(Metric.E2E);
        assertEquals(3, e2e.count(), "failed requests are not in the latency distribution");
        assertEquals(300, e2e.p50Ms(), 300 * 0.001);
        assertEquals(700, e2e.maxMs(), 700 * 0.001);
        assertEquals(3, s.latencyMs().get(Metric.ITL).count(), "2 + 1 + 0 gaps");
        assertEquals(2, s.latencyMs().get(Metric.TPOT).count(), "one-token request has no TPOT");
        assertEquals(Double.NaN, s.intervals().e2eP99Ms().estimate(), "3 values are too few for a bootstrap");
    }

    @Test
    void chosenPercentilesAreReadOffTheStepHistogramsInAscendingOrder() {
        StepSummaries.StepInfo info = new StepSummaries.StepInfo(INFO.step(), true, new StepSummaries.Settings(SLO, TrustLimits.defaults(),
                new ConfidenceSpec(200, 0.95), 1, ChosenPercentiles.parse("99.9,50")), null);
        StepSummary s = StepSummaries.build(info, stats(List.of(), LATE), CONTEXT);
        // TTFT of the three requests with content: 100, 600, 100 ms; E2E of the successes: 300, 700, 200 ms
        Map<String, Double> ttft = s.chosenPercentilesMs().get(Metric.TTFT);
        assertEquals(List.of("p50", "p99.9"), List.copyOf(ttft.keySet()));
        assertEquals(100, ttft.get("p50"), 100 * 0.001);
        assertEquals(600, ttft.get("p99.9"), 600 * 0.001);
        assertEquals(300, s.chosenPercentilesMs().get(Metric.E2E).get("p50"), 300 * 0.001);
        assertEquals(s.latencyMs().get(Metric.E2E).p50Ms(), s.chosenPercentilesMs().get(Metric.E2E).get("p50"), "same histogram as the fixed set");
        assertEquals(List.of(Metric.values()), List.copyOf(s.chosenPercentilesMs().keySet()), "every metric, in Metric order");
        assertTrue(s.chosenPercentilesMs().get(Metric.SEND_LAG).get("p50") >= 0);
        assertEquals(List.of("p50", "p90", "p95", "p99", "p99.9"),
                List.copyOf(summarize(0.605, List.of()).chosenPercentilesMs().get(Metric.TTFT).keySet()), "none chosen: the defaults");
    }

    @Test
    void littlesLawHoldsForConsistentRecordsAndFlagsAGap() {
        // 4 completions / 2 s x mean latency (300 + 700 + 10 + 200)/4 ms = 2/s x 0.3025 s = 0.605
        StepSummary s = summarize(0.605, List.of());
        assertEquals(0.605, s.selfCheck().littleLaw().predicted(), 1e-12);
        assertTrue(s.selfCheck().trusted(), s.selfCheck().warnings().toString());
        StepSummary off = summarize(1.0, List.of());
        assertFalse(off.selfCheck().trusted());
        assertTrue(off.selfCheck().warnings().get(0).startsWith("Little's law off by 40%"), off.selfCheck().warnings().toString());
    }

    @Test
    void busyHarnessCpuMarksTheStepUntrusted() {
        List<SecondSample> busy = List.of(new SecondSample(1_000 * MS, 1_000 * MS, true, new SecondSample.Ended(0, 0, 0), 0, 0.99, null, null),
                new SecondSample(2_000 * MS, 1_000 * MS, false, new SecondSample.Ended(2, 3, 0), 1, 0.85, null, null),
                new SecondSample(3_000 * MS, 1_000 * MS, false, new SecondSample.Ended(2, 3, 0), 1, 0.95, null, null));
        SelfCheck c = summarize(0.605, busy).selfCheck();
        assertEquals(0.90, c.harnessCpu().mean(), 1e-12, "warm-up seconds are not counted");
        assertEquals(0.95, c.harnessCpu().max(), 1e-12);
        assertFalse(c.trusted());
        assertEquals(List.of("harness CPU busy: 90% of all cores on average (limit 80%)"), c.warnings());
    }

    @Test
    void lateHarnessWakeUpsMarkTheStepUntrusted() {
        SelfCheck ok = summarize(0.605, List.of(), 9.9).selfCheck();
        assertTrue(ok.trusted(), ok.warnings().toString());
        assertEquals(9.9, ok.lateness().hiccupP99Ms());
        SelfCheck late = summarize(0.605, List.of(), 42.0).selfCheck();
        assertFalse(late.trusted());
        assertEquals(List.of("harness threads woke late: P99 42.0 ms (limit 10.0 ms), so arrival times can be that late"
                + " (GC pauses or a busy machine)"), late.warnings());
    }

    /** 100 reads stamped {@code batchMs} after their batch began, 100 loop ticks {@code lagMs} late. */
    private static StampingDelay.Reading stamping(long batchMs, long lagMs) {
        Histogram batch = new Histogram(3);
        Histogram lag = new Histogram(3);
        batch.recordValueWithCount(batchMs * MS, 100);
        lag.recordValueWithCount(lagMs * MS, 100);
        return new StampingDelay.Reading(batch, lag);
    }

    @Test
    void stampsUncertainBeyondTheToleranceMarkTheStepUntrusted() {
        // ITL gaps 100, 100, 100 ms: tolerance 10% of the P50 gap = 10 ms
        SelfCheck ok = summarize(0.605, List.of(), 0.3, stamping(2, 3)).selfCheck();
        assertTrue(ok.trusted(), ok.warnings().toString());
        assertEquals(5.0, ok.timing().uncertaintyMs(), 0.01, "P99 in-batch delay + P99 loop lag");
        assertEquals(10.0, ok.timing().toleranceMs(), 0.1);
        SelfCheck late = summarize(0.605, List.of(), 0.3, stamping(2, 9)).selfCheck();
        assertFalse(late.trusted());
        assertEquals(11.0, late.timing().uncertaintyMs(), 0.02);
        assertTrue(late.warnings().getFirst().startsWith("arrival stamps uncertain by 11.0"), late.warnings().toString());
        assertTrue(late.warnings().getFirst().endsWith("(10% of the P50 inter-token gap 100.01 ms)"), late.warnings().toString());
        assertEquals(Double.NaN, summarize(0.605, List.of()).selfCheck().timing().uncertaintyMs(), "not measured: NaN, and trusted");
        // the kernel stamped the reads: no loop lag reported, the in-batch part alone (12 ms) against the tolerance
        Histogram noLag = new Histogram(3);
        Histogram frames = new Histogram(3);
        frames.recordValueWithCount(12 * MS, 100);
        SelfCheck kernel = summarize(0.605, List.of(), 0.3, new StampingDelay.Reading(frames, noLag)).selfCheck();
        assertFalse(kernel.trusted());
        assertEquals(12.0, kernel.timing().uncertaintyMs(), 0.02);
        assertTrue(kernel.warnings().getFirst().startsWith("arrival stamps uncertain by 12.0"), kernel.warnings().toString());
        assertTrue(kernel.warnings().getFirst().contains("kernel arrival stamps"), kernel.warnings().toString());
    }

    /**
     * One request's E2E end stamp uncertain by 15 ms against a 10 ms tolerance (ITL 100 ms) untrusts the step although
     * every read's P99 (5 ms) is within it: with few requests, one stalled end read is their E2E P99. A failed request's
     * E2E ± and a warm-up request's do not count; TTFT ± 3 and 4 ms, P99 4 ms, pass.
     */
    @Test
    void oneStalledEndStampMarksTheStepUntrustedThoughTheReadsP99IsSmall() {
        StepRecording rec = new StepRecording(SLO, 0);
        rec.add(withStamps(ok(0, new long[] {100, 200, 300}, 300), 3L, 15L), false);
        rec.add(withStamps(ok(1000, new long[] {1100, 1200}, 1200), 4L, 2L), false);
        rec.add(withStamps(failed(1500, 1510), null, 50L), false);
        rec.add(withStamps(ok(0, new long[] {100, 200}, 200), 90L, 90L), true);
        rec.recorders().drainInterval(0, 2000, (m, h) -> {
        });
        StepStats.Lateness lateness = new StepStats.Lateness(0.3, 2, 3);
        SelfCheck check = StepSummaries.build(INFO, rec.snapshot(2000 * MS, 0, lateness, List.of()), CONTEXT).selfCheck();
        assertEquals(5.0, check.timing().uncertaintyMs(), 0.01);
        assertEquals(4.0, check.timing().ttftUncertaintyMs(), 0.01);
        assertEquals(15.0, check.timing().e2eUncertaintyMs(), 0.02);
        assertEquals(10.0, check.timing().toleranceMs(), 0.1);
        assertEquals(List.of("E2E"), check.timing().uncertainLatencies());
        assertFalse(check.trusted());
        assertTrue(check.warnings().stream().anyMatch(w -> w.startsWith("E2E end stamps uncertain by 15.0")), check.warnings().toString());

        StepRecording calm = new StepRecording(SLO, 0);
        calm.add(withStamps(ok(0, new long[] {100, 200, 300}, 300), 3L, 2L), false);
        calm.add(withStamps(ok(1000, new long[] {1100, 1200}, 1200), 4L, 2L), false);
        calm.recorders().drainInterval(0, 2000, (m, h) -> {
        });
        SelfCheck trusted = StepSummaries.build(INFO, calm.snapshot(2000 * MS, 0, lateness, List.of()), CONTEXT).selfCheck();
        assertEquals(List.of(), trusted.timing().uncertainLatencies());
        assertEquals(5.0, trusted.timing().largestMs(), 0.01, "the reads' ± is the largest part");
    }

    /** A request whose TTFT and E2E end stamps have these ± (ms; null: none). */
    private static RequestRecord withStamps(RequestRecord r, Long ttftMs, Long e2eMs) {
        RequestRecord.Timeline t = r.timeline();
        return new RequestRecord(r.requestId(), r.to(), new RequestRecord.Timeline(t.intendedSendNanos(), t.sendNanos(), t.headersNanos(),
                t.firstContentNanos(), t.chunkArrivalNanos(), t.chunkTokenCounts(), t.endNanos(),
                new RequestRecord.StampUncertainty(MS, ttftMs == null ? null : ttftMs * MS, e2eMs == null ? null : e2eMs * MS)),
                r.tokens(), r.reply(), r.error(), r.route());
    }

    @Test
    void timingToleranceHasAFloorAndFallsBackToTtft() {
        TrustLimits d = TrustLimits.defaults();
        Percentiles none = Metrics.percentiles(new Histogram(3));
        Histogram ttft = new Histogram(3);
        ttft.recordValue(300 * MS);
        assertEquals(30.0, Metrics.timingToleranceMs(none, Metrics.percentiles(ttft), d), 0.1, "no gaps: 10% of TTFT P50");
        Histogram fastGaps = new Histogram(3);
        fastGaps.recordValue(MS / 2);
        assertEquals(1.0, Metrics.timingToleranceMs(Metrics.percentiles(fastGaps), Metrics.percentiles(ttft), d), "0.05 ms < the 1 ms floor");
        assertEquals(1.0, Metrics.timingToleranceMs(none, none, d), "nothing measured: the floor");
    }

    @Test
    void repetitionIntervalIsStudentsT() {
        // mean 12, sample sd 2 (values 10, 12, 14), t(0.975, 2) = 4.302653: half-width 4.302653 x 2 / sqrt(3)
        ConfidenceInterval ci = Intervals.repetitionInterval(new double[] {10, 12, 14}, 0.95);
        assertEquals(12, ci.estimate(), 1e-12);
        assertEquals(12 - 4.968275, ci.lower(), 1e-5);
        assertEquals(12 + 4.968275, ci.upper(), 1e-5);
        assertEquals(ConfidenceInterval.Method.REPETITIONS, ci.method());
        assertTrue(Double.isNaN(Intervals.repetitionInterval(new double[] {5}, 0.95).lower()), "one repetition has no spread");
    }

    @Test
    void levelPoolsCountsAndMergesHistogramsOfRepetitions() {
        StepSummary a = summarize(0.605, List.of());
        StepStats one = stats(List.of(), LATE);
        StepRecording slow = new StepRecording(SLO, 0);
        slow.add(ok(0, new long[] {100, 200, 4000}, 5000), false);
        slow.recorders().drainInterval(0, 1, (m, h) -> {
        });
        StepStats slowStats = slow.snapshot(0, 0, StepStats.Lateness.NOT_MEASURED, List.of());
        StepStats withSlow = new StepStats(one.counts(), one.span(), slowStats.histograms(), one.samples(), one.delivered(), one.harness(), one.requestTiming());
        StepStats withFast = new StepStats(one.counts(), one.span(), Map.of(Metric.TTFT, hist(), Metric.ITL, hist(), Metric.TPOT, hist(),
                Metric.E2E, hist(300 * MS), Metric.SEND_LAG, hist(), Metric.SCHEDULE_LAG, hist()), one.samples(), one.delivered(), one.harness(),
                one.requestTiming());
        LevelSummary l = StepSummaries.level(List.of(a, a), List.of(withSlow, withFast), new Slo(500.0, null, null, 0.4), 0.95);
        assertEquals(8, l.outcome().requests());
        assertEquals(6, l.outcome().succeeded());
        assertEquals(0.25, l.outcome().errorRate(), 1e-12);
        assertEquals(0.5, l.outcome().goodFraction(), 1e-12);
        assertTrue(l.outcome().meetsSlos(), "0.5 >= 0.4");
        assertEquals(2, l.latencyMs().get(Metric.E2E).count(), "histograms of both repetitions added");
        assertEquals(5000, l.latencyMs().get(Metric.E2E).maxMs(), 5);
        assertEquals(3.0, l.throughput().outputTokensPerSecond().estimate(), 1e-12);
        assertEquals(0, l.throughput().outputTokensPerSecond().upper() - l.throughput().outputTokensPerSecond().lower(), 1e-12, "identical repetitions: no spread");
    }

    /** A request whose own ± is {@code uncertaintyMs} (null: none). */
    private static RequestRecord withUncertainty(RequestRecord r, Long uncertaintyMs) {
        RequestRecord.Timeline t = r.timeline();
        return new RequestRecord(r.requestId(), r.to(), new RequestRecord.Timeline(t.intendedSendNanos(), t.sendNanos(), t.headersNanos(),
                t.firstContentNanos(), t.chunkArrivalNanos(), t.chunkTokenCounts(), t.endNanos(),
                RequestRecord.StampUncertainty.ofRequest(uncertaintyMs == null ? null : uncertaintyMs * MS)),
                r.tokens(), r.reply(), r.error(), r.route());
    }

    /** One step's requests with these ± (ms), a failed one among them, and warm-up requests whose ± must not count. */
    private static StepStats uncertain(long... uncertaintyMs) {
        StepRecording rec = new StepRecording(SLO, 0);
        for (int i = 0; i < uncertaintyMs.length; i++) {
            RequestRecord r = i == 0 ? failed(i, i + 5) : ok(i, new long[] {i + 1, i + 2}, i + 3);
            rec.add(withUncertainty(r, uncertaintyMs[i]), false);
        }
        rec.add(withUncertainty(ok(0, new long[] {1}, 2), 900L), true);
        rec.add(withUncertainty(ok(0, new long[] {1}, 2), null), false);
        rec.add(withUncertainty(ok(0, new long[] {1}, 2), null), false);
        return rec.snapshot(0, 0, StepStats.Lateness.NOT_MEASURED, List.of());
    }

    /**
     * Hand-computed: a step whose measured requests have ± 1..10 ms (any order) and two without: P50 is the 5th of 10
     * (5 ms), P99 the 10th (10 ms), max 10 ms; the warm-up request's 900 ms is not counted. A level of two repetitions,
     * ± 1..5 and 6..10 ms, reads the same off the added histograms: P50 5 ms, where averaging the repetitions' P50s (3
     * and 8 ms) would give 5.5. Within 0.1%, the histograms' resolution.
     */
    @Test
    void requestTimingUncertaintyIsReadOffTheMeasuredRequestsHistogram() {
        StepSummary step = StepSummaries.build(INFO, uncertain(7, 1, 10, 4, 2, 9, 3, 8, 6, 5), CONTEXT);
        RequestTimingUncertainty u = step.requestTimingUncertaintyMs();
        assertEquals(10, u.requests());
        assertEquals(2, u.requestsWithout());
        assertEquals(5, u.p50Ms(), 0.005);
        assertEquals(10, u.p99Ms(), 0.01);
        assertEquals(10, u.maxMs(), 0.01);

        StepStats low = uncertain(3, 1, 5, 2, 4);
        StepStats high = uncertain(8, 6, 10, 7, 9);
        StepSummary lowStep = StepSummaries.build(INFO, low, CONTEXT);
        assertEquals(3, lowStep.requestTimingUncertaintyMs().p50Ms(), 0.003);
        assertEquals(8, StepSummaries.build(INFO, high, CONTEXT).requestTimingUncertaintyMs().p50Ms(), 0.008);
        LevelSummary level = StepSummaries.level(List.of(lowStep, lowStep), List.of(low, high), SLO, 0.95);
        RequestTimingUncertainty pooled = level.requestTimingUncertaintyMs();
        assertEquals(List.of(10L, 4L), List.of(pooled.requests(), pooled.requestsWithout()));
        assertEquals(5, pooled.p50Ms(), 0.005, "one histogram of both repetitions, never their P50s averaged");
        assertEquals(10, pooled.p99Ms(), 0.01);
        assertEquals(10, pooled.maxMs(), 0.01);
        assertEquals(pooled, StepSummaries.build(INFO, StepStats.merge(List.of(low, high)), CONTEXT).requestTimingUncertaintyMs(),
                "shards merge the same way");
    }

    @Test
    void aStepWithoutAnyRequestTimingUncertaintySaysNotMeasured() {
        RequestTimingUncertainty u = StepSummaries.build(INFO, uncertain(), CONTEXT).requestTimingUncertaintyMs();
        assertEquals(List.of(0L, 2L), List.of(u.requests(), u.requestsWithout()));
        assertTrue(Double.isNaN(u.p50Ms()) && Double.isNaN(u.p99Ms()) && Double.isNaN(u.maxMs()), u.toString());
    }

    private static org.HdrHistogram.Histogram hist(long... values) {
        org.HdrHistogram.Histogram h = StepRecorders.newHistogram();
        for (long v : values) h.recordValue(v);
        return h;
    }

    @Test
    void bootstrapIntervalContainsTheEstimateAndNarrowsWithData() {
        long[] few = new long[50];
        long[] many = new long[5000];
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        for (int i = 0; i < few.length; i++) few[i] = 1000 + r.nextLong(1000);
        for (int i = 0; i < many.length; i++) many[i] = 1000 + r.nextLong(1000);
        ConfidenceSpec spec = new ConfidenceSpec(500, 0.95);
        ConfidenceInterval a = Intervals.bootstrapPercentile(few, few.length, 50, spec, 3);
        ConfidenceInterval b = Intervals.bootstrapPercentile(many, many.length, 50, spec, 3);
        assertTrue(a.lower() <= a.estimate() && a.estimate() <= a.upper());
        assertTrue(b.lower() <= b.estimate() && b.estimate() <= b.upper());
        assertTrue(b.upper() - b.lower() < (a.upper() - a.lower()) / 3, "100x the data, about 1/10 the width");
        assertEquals(1500, b.estimate(), 30, "median of U(1000, 2000)");
        assertEquals(a, Intervals.bootstrapPercentile(few, few.length, 50, spec, 3), "seeded: same interval every time");
    }
}
