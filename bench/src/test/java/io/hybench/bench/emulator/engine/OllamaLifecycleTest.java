package io.hybench.bench.emulator.engine;

import io.hybench.bench.emulator.profile.OllamaParams;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ollama's model lifecycle in simulated time: load-only and unload requests, per-request keep_alive. */
class OllamaLifecycleTest {
    private static final long LOAD = 2_000_000_000L;
    private static final long STEP = 10_000_000L;
    private static final long KEEP_ALIVE = 300_000_000_000L;

    private final SimulatedLoop loop = new SimulatedLoop();
    private final Engine engine = Engine.create(new OllamaParams(1, 512, LOAD, KEEP_ALIVE, 1e9, STEP, 0), loop, 1);

    private List<Emission> submit(long id, int outputTokens, Long keepAlive, Job.Purpose purpose) {
        List<Emission> got = new ArrayList<>();
        engine.submit(new Job(id, 0, outputTokens, "k", keepAlive, purpose), got::add);
        return got;
    }

    @Test
    void loadOnlyRequestFinishesWhenTheModelIsLoadedAndItStaysForKeepAlive() {
        List<Emission> load = submit(1, 0, null, Job.Purpose.LOAD);
        loop.runUntil(LOAD);

        Emission.Finished done = assertInstanceOf(Emission.Finished.class, load.get(1));
        assertEquals(LOAD, done.atNanos());
        assertEquals(LOAD, done.completion().loadNanos());
        assertEquals(0, done.completion().outputTokens());
        assertTrue(engine.gauges().modelLoaded());
        assertEquals(LOAD + KEEP_ALIVE, engine.gauges().unloadAtNanos());

        List<Emission> again = submit(2, 0, null, Job.Purpose.LOAD);
        assertEquals(LOAD, again.get(1).atNanos(), "a loaded model answers at once");
    }

    @Test
    void unloadWaitsForRunningRequestsThenTheModelLeaves() {
        submit(1, 3, null, Job.Purpose.GENERATE);
        loop.runUntil(LOAD + STEP);
        List<Emission> unload = submit(2, 0, 0L, Job.Purpose.UNLOAD);

        assertEquals(LOAD + STEP, unload.get(1).atNanos(), "the unload reply does not wait");
        assertTrue(engine.gauges().modelLoaded(), "still decoding request 1");
        loop.runAll();
        assertFalse(engine.gauges().modelLoaded());
        assertEquals(-1, engine.gauges().unloadAtNanos());
    }

    @Test
    void idleModelUnloadsAtOnceAndARequestWithoutKeepAliveGetsTheDefaultBack() {
        submit(1, 1, null, Job.Purpose.GENERATE);
        loop.runUntil(LOAD + 10 * STEP);
        assertTrue(engine.gauges().modelLoaded(), "idle, unload scheduled after keep_alive");
        submit(2, 0, 0L, Job.Purpose.UNLOAD);
        assertFalse(engine.gauges().modelLoaded());

        List<Emission> next = submit(3, 1, null, Job.Purpose.GENERATE);
        loop.runUntil(loop.now() + LOAD + STEP);
        assertInstanceOf(Emission.Finished.class, next.getLast());
        assertEquals(loop.now() + KEEP_ALIVE, engine.gauges().unloadAtNanos(), "keep_alive 0 applied to the unload request only");
    }
}
