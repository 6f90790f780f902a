package io.hybench.emulator.engine;

import io.hybench.emulator.profile.OllamaParams;
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
        return submit(id, outputTokens, keepAlive, purpose, 4096);
    }

    private List<Emission> submit(long id, int outputTokens, Long keepAlive, Job.Purpose purpose, int context) {
        List<Emission> got = new ArrayList<>();
        engine.submit(new Job(id, 0, outputTokens, "k", keepAlive, purpose, context), got::add);
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

    @Test
    void anotherContextReloadsTheModelOnceTheRunningRequestIsDone() {
        submit(1, 3, null, Job.Purpose.GENERATE, 4096);
        loop.runUntil(LOAD);
        List<Emission> bigger = submit(2, 1, null, Job.Purpose.GENERATE, 8192);
        List<Emission> behind = submit(3, 1, null, Job.Purpose.GENERATE, 4096);
        loop.runUntil(LOAD + 2 * STEP);
        assertEquals(4096, engine.gauges().contextTokens(), "request 1 still decoding on the 4096 context");
        loop.runUntil(LOAD + 3 * STEP);
        assertFalse(engine.gauges().modelLoaded(), "request 1 done: unloaded for the reload");

        loop.runUntil(LOAD + 3 * STEP + LOAD + STEP / 2);
        Emission.Finished reloaded = assertInstanceOf(Emission.Finished.class, bigger.getLast());
        assertEquals(LOAD + 3 * STEP + LOAD + STEP, reloaded.atNanos());
        assertEquals(3 * STEP + LOAD, reloaded.completion().loadNanos(), "waited for request 1, then loaded");
        assertEquals(8192, engine.gauges().contextTokens());
        assertEquals(1, behind.size(), "request 3 queued behind the reload and needs its own");

        loop.runUntil(LOAD + 3 * STEP + LOAD + STEP + LOAD + STEP);
        assertInstanceOf(Emission.Finished.class, behind.getLast());
        assertEquals(4096, engine.gauges().contextTokens());
    }
}
