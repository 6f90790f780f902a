package io.hybench.tools.fit;

import io.hybench.emulator.profile.ProfileLoader;
import io.hybench.emulator.profile.VllmParams;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped profile llama3.1-8b-h200-transformers-cb against the H200 engine runs it was fitted to (closed
 * loop) and checked on (open loop, not used by the fit): the errors docs/emulator.md states ("Fitting a
 * profile"), per figure as the mean |emulated / measured − 1| over the levels.
 */
class ShippedH200ProfileTest {
    private static final Path RUNS = Path.of("..", "docs", "results", "h200-engine");

    private static ProfileFitter.Result compare(String run) {
        VllmParams p = (VllmParams) ProfileLoader.load("llama3.1-8b-h200-transformers-cb").engine();
        MeasuredRun measured = MeasuredRun.read(RUNS.resolve(run), null);
        return new ProfileFitter(measured, new ProfileFitter.Limits(p.maxNumSeqs(), p.maxNumBatchedTokens(), p.kvCacheTokens()), 0)
                .compare(p);
    }

    private static void assertMeanErrors(ProfileFitter.Result r, double rms, Map<LevelFigures.Figure, Double> limits) {
        assertTrue(r.rmsLogError() <= rms, "RMS log error " + r.rmsLogError() + " > " + rms);
        List<double[]> errors = ProfileFitter.relativeErrors(r.measured(), r.emulated());
        limits.forEach((figure, limit) -> {
            double mean = errors.stream().mapToDouble(row -> Math.abs(row[figure.ordinal()])).average().orElseThrow();
            assertTrue(mean <= limit, figure + ": mean |error| " + mean + " > " + limit);
        });
    }

    @Test
    void reproducesTheClosedLoopSweepItWasFittedTo() {
        assertMeanErrors(compare("h200-closed"), 0.32, Map.of(LevelFigures.Figure.TTFT_P50, 0.40, LevelFigures.Figure.ITL_P50, 0.25,
                LevelFigures.Figure.E2E_P50, 0.25, LevelFigures.Figure.OUTPUT_TOKENS_PER_S, 0.15));
    }

    @Test
    void predictsTheOpenLoopRunItWasNotFittedTo() {
        assertMeanErrors(compare("h200-open"), 0.23, Map.of(LevelFigures.Figure.TTFT_P50, 0.20, LevelFigures.Figure.ITL_P50, 0.25,
                LevelFigures.Figure.E2E_P50, 0.25, LevelFigures.Figure.OUTPUT_TOKENS_PER_S, 0.15));
    }
}
