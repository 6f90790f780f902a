package io.hybench.tools.score;

import io.hybench.bench.client.ApiKind;
import io.hybench.bench.client.ClientOptions;
import io.hybench.bench.client.RequestRecord;
import io.hybench.bench.client.ServerFlavor;
import io.hybench.bench.client.Target;
import io.hybench.bench.load.ClientFactory;
import io.hybench.bench.load.Distribution;
import io.hybench.bench.load.LoadRunner;
import io.hybench.bench.load.LoadSpec;
import io.hybench.bench.load.PromptSpec;
import io.hybench.bench.load.RequestOptions;
import io.hybench.bench.load.RunLimits;
import io.hybench.bench.load.RunListener;
import io.hybench.bench.load.Workload;
import io.hybench.bench.metrics.SelfCheck;
import io.hybench.bench.metrics.Slo;
import io.hybench.bench.metrics.StepSummary;
import io.hybench.bench.results.EnvInfo;
import io.hybench.bench.results.RequestLine;
import io.hybench.bench.results.ResultReader;
import io.hybench.bench.results.RunFolder;
import io.hybench.core.os.ReceiveTimestamps;
import io.hybench.core.stats.ConfidenceSpec;
import io.hybench.core.stats.Intervals;
import io.hybench.emulator.Emulator;
import io.hybench.emulator.profile.ProfileLoader;
import io.hybench.emulator.truth.TruthLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real run against an emulator writing its truth file, scored: every request and token is paired. */
class TruthScoreTest {
    private static final long SECOND = 1_000_000_000L;

    private static Path run(Path dir, Path truth) throws Exception {
        try (Emulator e = Emulator.start(ProfileLoader.parse("""
                name: score-vllm
                model: m
                server_version: "0.24.0"
                output: {eos_median_tokens: 100000, eos_sigma: 0.1, context_tokens: 100000}
                engine: {kind: vllm, max_num_seqs: 16, max_num_batched_tokens: 4096, kv_cache_tokens: 200000,
                         step_base_ms: 5, step_per_token_ms: 0, step_per_context_token_ns: 0}
                """, "test"), 0, 3, TruthLog.toFile(truth))) {
            Target t = new Target("emu", ApiKind.OPENAI, ServerFlavor.VLLM, e.baseUrl(), "m", null, "score-vllm");
            Workload w = new Workload("score", 5, List.of(t),
                    new Workload.Traffic(new RequestOptions(true, true, null), new PromptSpec.Synthetic(new Distribution.Fixed(8), new Distribution.Fixed(12))),
                    new Workload.Shape(new LoadSpec.ClosedLoop(List.of(1, 4), new Distribution.Fixed(0)), new RunLimits(SECOND / 4, SECOND, null, 30 * SECOND)),
                    Workload.Checks.of(new Slo(null, null, null, 0.99), new ConfidenceSpec(0, 0.95)));
            return new LoadRunner(w, ClientFactory.streaming(ClientOptions.DEFAULTS), RunListener.NONE)
                    .run(dir, "score-run", EnvInfo.capture("test")).folder().dir();
        }
    }

    @Test
    void everyMeasuredRequestAndTokenIsPairedWithTheEmulatorsWrites(@TempDir Path dir) throws Exception {
        Path truth = dir.resolve("truth.jsonl");
        Path runDir = run(dir, truth);
        List<TruthScore.StepScore> scores = TruthScore.score(truth, runDir);
        List<StepSummary> steps = ResultReader.load(runDir).summary().steps();
        List<RequestLine> lines = ResultReader.requests(runDir);
        assertEquals(2, scores.size());
        for (int i = 0; i < 2; i++) {
            TruthScore.StepScore s = scores.get(i);
            StepSummary st = steps.get(i);
            int step = st.step().index();
            List<RequestLine> measured = lines.stream().filter(l -> l.step() == step && !l.warmup()).toList();
            assertEquals(0, s.pairing().unpaired(), "every measured request found in the truth by its id");
            assertEquals(0, s.pairing().mismatched(), "one content chunk per token write");
            assertEquals(measured.size(), s.pairing().requests());
            assertEquals(measured.stream().mapToInt(l -> l.record().timeline().chunkArrivalNanos().length).sum(), s.errors().token().length);
            assertEquals(measured.stream().filter(l -> l.record().timeline().firstContentNanos() != null).count(), s.errors().ttft().length);
            assertEquals(measured.stream().filter(l -> l.record().succeeded()).count(), s.errors().e2e().length);
            assertEquals(s.errors().token().length, s.errors().writeLateness().length, "the emulator's lateness of the same writes");
            assertEquals(st.selfCheck().timing().toleranceMs(), s.selfCheck().toleranceMs());
            assertEquals(!s.mistimedLatencies().isEmpty(), s.mistimed());
            double loopLagMs = st.selfCheck().lateness().ioLoopLagP99Ms();
            assertTrue(loopLagMs >= 0 || Double.isNaN(loopLagMs) && ReceiveTimestamps.available(),
                    "the loops' lag probe reported during the step, unless the kernel stamped its reads");
            // every request went over a connection its I/O thread stamped: each carries its own ±, all its tokens are judged
            assertTrue(measured.stream().allMatch(l -> l.record().timeline().uncertainty().requestNanos() != null
                    && l.record().timeline().uncertainty().requestNanos() >= 0), "each request's own timing uncertainty");
            assertTrue(measured.stream().allMatch(l -> (l.record().timeline().uncertainty().ttftNanos() != null)
                    == (l.record().timeline().firstContentNanos() != null)), "a TTFT end stamp's ± exactly where there is content");
            assertTrue(measured.stream().filter(l -> l.record().succeeded()).allMatch(l -> l.record().timeline().uncertainty().e2eNanos() != null
                    && l.record().timeline().uncertainty().e2eNanos() >= 0), "an E2E end stamp's ± for every successful request");
            double ttftP99Ms = nearestRankP99Ms(measured, u -> u.ttftNanos());
            double e2eP99Ms = nearestRankP99Ms(measured, u -> u.e2eNanos());
            assertEquals(ttftP99Ms, st.selfCheck().timing().ttftUncertaintyMs(), 0.002 + ttftP99Ms * 0.001,
                    "the step's TTFT ± is the P99 over its requests, to the histogram's 0.1%");
            assertEquals(e2eP99Ms, st.selfCheck().timing().e2eUncertaintyMs(), 0.002 + e2eP99Ms * 0.001,
                    "the step's E2E ± is the P99 over its requests, to the histogram's 0.1%");
            assertTrue(!s.flagged() || !st.selfCheck().trusted(), "a step flagged uncertain is not trusted");
            assertEquals(measured.size(), s.requests().sortedNanos().length);
            assertEquals(s.errors().token().length, s.requests().tokensJudged());
            assertTrue(s.requests().tokensWithin() <= s.requests().tokensJudged());
            // the emulator ends every stream with its end marker after the last token: every paired token has a next frame
            assertEquals(measured.stream().filter(l -> l.record().timeline().chunkArrivalNanos().length > 0).count(), s.serverPairs().firstTokens(),
                    "every request with a token has its first judged");
            assertEquals(s.errors().token().length, s.serverPairs().tokens(), "every paired token judged");
            assertTrue(s.serverPairs().paired() >= measured.stream().filter(l -> l.record().succeeded()).count(),
                    "the emulator writes a stream's last token and its end marker at once");
            assertTrue(s.serverPairs().paired() <= s.serverPairs().tokens() && s.serverPairs().firstPaired() <= s.serverPairs().paired());
        }
        String table = TruthScore.table(scores);
        assertTrue(table.contains("| 0 | emu | 1 users |"), table);
        assertTrue(table.contains("| 1 | emu | 4 users |"), table);
        assertTrue(table.contains("request ± P50 / P99 (ms) | tokens within their request's ± | written with the next: first tokens / tokens |"), table);
    }

    /** A request's ± bounds how late its stamps are; a stamp ahead of the truth's record is the truth's delay. */
    @Test
    void aTokenIsWithinItsRequestsPlusMinusUnlessItsStampCameLaterThanThat() {
        assertTrue(TruthScore.RequestUncertainty.within(-30_000, 0), "± 0, the truth recorded 30 µs after the stamp");
        assertTrue(TruthScore.RequestUncertainty.within(400_000, 500_000));
        assertTrue(TruthScore.RequestUncertainty.within(500_000, 500_000));
        assertFalse(TruthScore.RequestUncertainty.within(500_001, 500_000), "later than its ± allows");
        assertFalse(TruthScore.RequestUncertainty.within(1, 0));
    }

    /** A step is mistimed by any latency it reports: a late first chunk moves its TTFT even when later tokens are on time. */
    @Test
    void aStepIsMistimedByAnyOfItsLatencies() {
        long ms = 1_000_000;
        TruthScore.Errors lateFirstChunks = new TruthScore.Errors(new long[] {0, ms, 3 * ms}, new long[] {0, 0, ms, ms},
                new long[] {ms / 2}, new long[0]);
        TruthScore.StepScore step = step(lateFirstChunks, 2.0);
        assertEquals(List.of("TTFT"), step.mistimedLatencies(), "TTFT P99 3 ms, tokens 1 ms, E2E 0.5 ms against 2 ms");
        assertTrue(step.mistimed());
        assertEquals(List.of("TTFT", "tokens", "E2E"), step(new TruthScore.Errors(new long[] {3 * ms}, new long[] {3 * ms},
                new long[] {3 * ms}, new long[0]), 2.0).mistimedLatencies());
        TruthScore.StepScore onTime = step(lateFirstChunks, 3.0);
        assertEquals(List.of(), onTime.mistimedLatencies(), "3 ms is within a 3 ms tolerance");
        assertFalse(onTime.mistimed());
        assertFalse(step(new TruthScore.Errors(new long[0], new long[0], new long[0], new long[0]), 2.0).mistimed(), "nothing paired");
    }

    private static double nearestRankP99Ms(List<RequestLine> lines, Function<RequestRecord.StampUncertainty, Long> part) {
        long[] sorted = lines.stream().map(l -> part.apply(l.record().timeline().uncertainty())).filter(Objects::nonNull)
                .mapToLong(Long::longValue).sorted().toArray();
        return sorted.length == 0 ? Double.NaN : Intervals.nearestRank(sorted, sorted.length, 99) / 1e6;
    }

    /** The self-check judges each latency by its own ±: one stalled end read flags E2E though the reads' P99 is small. */
    @Test
    void theSelfCheckNamesTheLatenciesWhoseStampsAreTooUncertain() {
        TruthScore.Errors none = new TruthScore.Errors(new long[0], new long[0], new long[0], new long[0]);
        assertEquals(List.of("E2E"), step(none, new SelfCheck.Timing(0.4, 0.9, 4.1, 2.0)).uncertainLatencies());
        assertEquals(List.of("TTFT", "tokens"), step(none, new SelfCheck.Timing(2.5, 3.0, 2.0, 2.0)).uncertainLatencies(),
                "2 ms is within a 2 ms tolerance");
        TruthScore.StepScore unmeasured = step(none, new SelfCheck.Timing(Double.NaN, Double.NaN, Double.NaN, 2.0));
        assertEquals(List.of(), unmeasured.uncertainLatencies(), "nothing measured flags nothing");
        assertFalse(unmeasured.flagged());
        assertTrue(step(none, new SelfCheck.Timing(0.4, Double.NaN, 2.1, 2.0)).flagged());
    }

    private static TruthScore.StepScore step(TruthScore.Errors errors, double toleranceMs) {
        return step(errors, new SelfCheck.Timing(1.0, 1.0, 1.0, toleranceMs));
    }

    private static TruthScore.StepScore step(TruthScore.Errors errors, SelfCheck.Timing selfCheck) {
        return new TruthScore.StepScore(0, "emu", "1 users", new TruthScore.Pairing(1, 0, 0), errors, selfCheck,
                new TruthScore.RequestUncertainty(new long[0], 0, 0), TruthScore.ServerPairs.NONE);
    }

    /** A token written within the tolerance before its stream's next frame is counted, once, by its own index. */
    @Test
    void tokensWrittenWithTheNextFrameAreCountedAgainstTheTolerance() {
        long ms = 1_000_000;
        long[] written = {0, 10, 5 * ms, 5 * ms + 500_000, 25 * ms};
        TruthScore.ServerPairs all = TruthScore.ServerPairs.of(written, -1, 5, ms);
        assertEquals(new TruthScore.ServerPairs(1, 1, 4, 2), all, "0→10 ns and 5→5.5 ms within 1 ms; 10 ns→5 ms and 5.5→25 ms not");
        assertEquals(new TruthScore.ServerPairs(1, 1, 5, 3), TruthScore.ServerPairs.of(written, 25 * ms, 5, ms),
                "the last token written with the end marker");
        assertEquals(new TruthScore.ServerPairs(1, 1, 5, 2), TruthScore.ServerPairs.of(written, 27 * ms, 5, ms), "the end 2 ms after it");
        assertEquals(new TruthScore.ServerPairs(1, 1, 2, 1), TruthScore.ServerPairs.of(written, 25 * ms, 2, ms),
                "only tokens paired with a content chunk are judged");
        assertEquals(new TruthScore.ServerPairs(1, 1, 4, 1), TruthScore.ServerPairs.of(written, -1, 5, 100_000), "500 µs apart: not within 100 µs");
        assertEquals(new TruthScore.ServerPairs(1, 1, 4, 2), TruthScore.ServerPairs.of(written, -1, 5, 500_000), "within is at most");
        assertEquals(new TruthScore.ServerPairs(1, 0, 4, 0), TruthScore.ServerPairs.of(written, -1, 5, 5), "10 ns apart: not within 5 ns");
        assertEquals(new TruthScore.ServerPairs(0, 0, 0, 0), TruthScore.ServerPairs.of(new long[] {7}, -1, 1, ms), "one token, nothing after it");
        assertEquals(new TruthScore.ServerPairs(1, 1, 1, 1), TruthScore.ServerPairs.of(new long[] {7}, 7, 1, ms), "one token and its end at once");
        TruthScore.ServerPairs two = all.plus(TruthScore.ServerPairs.of(new long[] {0, 2 * ms}, -1, 2, ms));
        assertEquals(new TruthScore.ServerPairs(2, 1, 5, 2), two);
        assertEquals(0.5, two.firstShare());
        assertEquals(0.4, two.share());
        assertTrue(Double.isNaN(TruthScore.ServerPairs.NONE.share()));
    }

    @Test
    void filesWithoutTheirClockAreRefusedByName(@TempDir Path dir) throws Exception {
        Path truth = dir.resolve("truth.jsonl");
        Path runDir = run(dir, truth);
        Path noClock = dir.resolve("old-truth.jsonl");
        List<String> truthLines = Files.readAllLines(truth);
        Files.write(noClock, truthLines.subList(1, truthLines.size()));
        TruthScore.ScoreException e = assertThrows(TruthScore.ScoreException.class, () -> TruthScore.score(noClock, runDir));
        assertEquals(noClock + ": no clock line (truth files from before they recorded their clock cannot be scored)", e.getMessage());
        Files.delete(runDir.resolve(RunFolder.CLOCK));
        e = assertThrows(TruthScore.ScoreException.class, () -> TruthScore.score(truth, runDir));
        assertTrue(e.getMessage().startsWith(runDir + ": no clock.json"), e.getMessage());
    }

    @Test
    void aBrokenTruthLineIsNamedByItsNumber(@TempDir Path dir) throws Exception {
        Path truth = dir.resolve("truth.jsonl");
        Path runDir = run(dir, truth);
        List<String> truthLines = Files.readAllLines(truth);
        Path broken = dir.resolve("broken.jsonl");
        Files.write(broken, List.of(truthLines.get(0), "{\"request\": 1, "));
        TruthScore.ScoreException e = assertThrows(TruthScore.ScoreException.class, () -> TruthScore.score(broken, runDir));
        assertTrue(e.getMessage().startsWith(broken + ":2: not JSON"), e.getMessage());
    }
}
