package io.hybench.tools.fit;

import io.hybench.bench.load.Distribution;
import io.hybench.emulator.profile.VllmParams;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Known answers for the fitter without any HTTP: "measured" figures are the engine simulation of known step
 * costs, so the fit must find those costs again (the objective's minimum is exactly there).
 */
class ProfileFitterTest {
    private static final VllmParams TRUTH = new VllmParams(256, 2048, 200_000, 20_000_000, 50_000, 500);

    private static RunShape shape(boolean closed, List<Double> levels) {
        int[] prompts = IntStream.range(0, 64).map(i -> 200 + 3 * i).toArray();
        RunShape.Pacing pacing = closed ? new RunShape.ClosedLoop(new Distribution.Fixed(0)) : new RunShape.OpenLoop(true, null);
        return new RunShape(new RunShape.Source("known", "t", "m"),
                new RunShape.Sweep(levels, 5_000_000_000L, levels.stream().map(l -> 20_000_000_000L).toList()), pacing,
                new RunShape.Tokens(prompts, new int[]{64}), 7);
    }

    private static MeasuredRun measured(RunShape s) {
        List<LevelFigures> figures = IntStream.range(0, s.sweep().levels().size()).mapToObj(i -> EngineSimulation.run(TRUTH, s, i)).toList();
        return new MeasuredRun(Path.of("known"), s, figures);
    }

    private static void assertWithin(double expected, double actual, double tolerance, String what) {
        assertTrue(Math.abs(actual / expected - 1) <= tolerance, what + ": expected " + expected + " within "
                + (int) (100 * tolerance) + "%, was " + actual);
    }

    @Test
    void recoversTheStepCostsOfAClosedLoopSweep() {
        MeasuredRun run = measured(shape(true, List.of(1.0, 4.0, 16.0, 64.0)));
        ProfileFitter.Result fit = new ProfileFitter(run, new ProfileFitter.Limits(256, 2048, 200_000), 400).fit();
        assertWithin(TRUTH.stepBaseNanos(), fit.params().stepBaseNanos(), 0.05, "step base");
        assertWithin(TRUTH.perTokenNanos(), fit.params().perTokenNanos(), 0.10, "per token");
        assertWithin(TRUTH.perContextTokenNanos(), fit.params().perContextTokenNanos(), 0.25, "per context token");
        assertTrue(fit.rmsLogError() < 0.02, "RMS log error " + fit.rmsLogError());
    }

    @Test
    void simulationFollowsTheModelByHand() {
        // One user, one 300-token prompt, 64 tokens, no other load: the first step prefills 300 tokens
        // (context 300 after scheduling), each decode step schedules 1 token over a context of 300 + k.
        RunShape s = new RunShape(new RunShape.Source("hand", "t", "m"), new RunShape.Sweep(List.of(1.0), 0, List.of(1_000_000_000L)),
                new RunShape.ClosedLoop(new Distribution.Fixed(0)), new RunShape.Tokens(new int[]{300}, new int[]{64}), 1);
        LevelFigures f = EngineSimulation.run(TRUTH, s, 0);
        double prefillMs = 20 + 0.05 * 300 + 500e-6 * 300;
        assertEquals(prefillMs, f.ttftP50Ms(), 1e-6);
        // Decode k (1..63) schedules one token over a context of 300 + k; the median of the 63 gaps is k = 32.
        assertEquals(20 + 0.05 + 500e-6 * 332, f.itlP50Ms(), 1e-6);
        double decodeSumMs = IntStream.rangeClosed(1, 63).mapToDouble(k -> 20 + 0.05 + 500e-6 * (300 + k)).sum();
        assertEquals(prefillMs + decodeSumMs, f.e2eP50Ms(), 1e-6);
        assertEquals(1, f.requests(), "only the request sent inside the 1 s window is measured");
    }

    @Test
    void recordedSendsReplaceTheIdealSchedule() {
        // 20 ms steps, no token or context cost; 100-token prompts, 2 output tokens. A and D (a warm-up request,
        // load but not measured) are sent at 0 and prefilled in the step 0-20 ms, decoded in 20-40 ms. B and C
        // were intended at 0 but sent at 25 ms (a busy client), so they are prefilled in 40-60 and end at 80 ms.
        VllmParams flat = new VllmParams(256, 2048, 200_000, 20_000_000, 0, 0);
        List<RunShape.Sent> sent = List.of(new RunShape.Sent(0, 0, 100, 2, true), new RunShape.Sent(0, 0, 100, 2, false),
                new RunShape.Sent(0, 25_000_000, 100, 2, true), new RunShape.Sent(0, 25_000_000, 100, 2, true));
        RunShape ideal = new RunShape(new RunShape.Source("hand", "t", "m"), new RunShape.Sweep(List.of(4.0), 0, List.of(10_000_000L)),
                new RunShape.ClosedLoop(new Distribution.Fixed(0)), new RunShape.Tokens(new int[]{100}, new int[]{2}), 1);
        // the ideal schedule: the first user's prompt starts a step alone, the other three join the next (TTFTs 20, 40, 40, 40)
        assertEquals(40, EngineSimulation.run(flat, ideal, 0).ttftP50Ms(), 1e-9);
        LevelFigures replayed = EngineSimulation.run(flat, new RunShape(ideal.source(), ideal.sweep(), ideal.pacing(), ideal.tokens(), 1, List.of(sent)), 0);
        assertEquals(3, replayed.requests());
        assertEquals(60, replayed.ttftP50Ms(), 1e-9, "TTFTs 20, 60, 60 ms from the intended send");
        assertEquals(80, replayed.e2eP50Ms(), 1e-9, "E2Es 40, 80, 80 ms");
        assertEquals(20, replayed.itlP50Ms(), 1e-9);
    }

    @Test
    void relativeErrorsAreEmulatedOverMeasuredMinusOne() {
        LevelFigures m = new LevelFigures(1, 10, 100, 200, 10, 20, 1000, 2000, 50);
        LevelFigures e = new LevelFigures(1, 10, 110, 200, 9, Double.NaN, 1000, 2000, 75);
        double[] row = ProfileFitter.relativeErrors(List.of(m), List.of(e)).getFirst();
        assertEquals(0.10, row[LevelFigures.Figure.TTFT_P50.ordinal()], 1e-12);
        assertEquals(-0.10, row[LevelFigures.Figure.ITL_P50.ordinal()], 1e-12);
        assertTrue(Double.isNaN(row[LevelFigures.Figure.ITL_P99.ordinal()]));
        assertEquals(0.5, row[LevelFigures.Figure.OUTPUT_TOKENS_PER_S.ordinal()], 1e-12);
    }
}
