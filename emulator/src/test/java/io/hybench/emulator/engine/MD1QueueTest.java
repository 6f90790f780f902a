package io.hybench.emulator.engine;

import io.hybench.emulator.profile.OllamaParams;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One Ollama slot, fixed prompt and output length (so a deterministic service time D), Poisson arrivals
 * at rate lambda: the mean wait for the slot must match M/D/1's Wq = rho * D / (2 (1 - rho)) within 5%.
 * 200,000 arrivals keep the estimate's own error near 1-2% at rho = 0.8.
 */
class MD1QueueTest {
    private static final int ARRIVALS = 200_000;
    private static final double TOLERANCE = 0.05;

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 0.8})
    void meanQueueingDelayMatchesTheMD1Formula(double rho) {
        long weightRead = 1_000_000;
        long perSequence = 0;
        int outputTokens = 10;
        // prompt 0 tokens: no prefill, so D is exactly outputTokens decode steps
        OllamaParams params = new OllamaParams(1, Integer.MAX_VALUE, 0, -1, 1000, weightRead, perSequence);
        double serviceNanos = outputTokens * (double) (weightRead + perSequence);
        double lambdaPerNano = rho / serviceNanos;

        SimulatedLoop loop = new SimulatedLoop();
        Engine engine = Engine.create(params, loop, 1);
        SplittableRandom random = new SplittableRandom(2024);
        double[] waitSum = {0};
        long[] served = {0};
        double t = 0;
        for (int i = 0; i < ARRIVALS; i++) {
            t += -Math.log(1 - random.nextDouble()) / lambdaPerNano;
            long arrival = Math.round(t);
            long id = i;
            loop.at(arrival, () -> engine.submit(new Job(id, 0, outputTokens, "q", null), e -> {
                if (e instanceof Emission.Token tok && tok.index() == 0) {
                    // the first token comes one decode step after the slot was taken
                    waitSum[0] += tok.atNanos() - (weightRead + perSequence) - arrival;
                    served[0]++;
                }
            }));
        }
        loop.runAll();
        assertEquals(ARRIVALS, served[0]);
        double measured = waitSum[0] / served[0];
        double expected = rho * serviceNanos / (2 * (1 - rho));
        assertTrue(Math.abs(measured - expected) <= TOLERANCE * expected,
                "rho " + rho + ": M/D/1 Wq " + expected / 1e6 + " ms, measured " + measured / 1e6 + " ms");
    }
}
