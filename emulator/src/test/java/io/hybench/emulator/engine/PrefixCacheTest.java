package io.hybench.emulator.engine;

import io.hybench.emulator.profile.ModelMemory;
import io.hybench.emulator.profile.OllamaParams;
import io.hybench.emulator.profile.VllmParams;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Prefix caching per engine in simulated time, against hand-computed hits and prefill times. */
class PrefixCacheTest {
    private static final long STEP_BASE = 1_000_000L;
    private static final long PER_TOKEN = 10_000L;

    private final SimulatedLoop loop = new SimulatedLoop();

    /** Ids {@code from..to-1}: prompts built from one range share exactly their common part. */
    private static PromptIds ids(int from, int to) {
        return new PromptIds(IntStream.range(from, to).toArray());
    }

    private static PromptIds concat(PromptIds a, PromptIds b) {
        return new PromptIds(IntStream.concat(IntStream.of(a.toArray()), IntStream.of(b.toArray())).toArray());
    }

    private Emission.Finished run(Engine engine, long id, PromptIds prompt, List<Emission> got) {
        engine.submit(new Job(id, prompt.length(), 1, "k", null, Job.Purpose.GENERATE, 0, prompt), got::add);
        loop.runAll();
        return assertInstanceOf(Emission.Finished.class, got.getLast());
    }

    @Test
    void vllmHitsWholeBlocksOfTheSharedPrefixAndPrefillsOnlyTheRest() {
        Engine vllm = Engine.create(new VllmParams(8, 8192, 100_000, STEP_BASE, PER_TOKEN, 0), loop, 1);
        PromptIds system = ids(0, 100);
        assertEquals(0, run(vllm, 1, system, new ArrayList<>()).completion().cachedTokens());

        List<Emission> got = new ArrayList<>();
        long start = loop.now();
        Emission.Finished second = run(vllm, 2, concat(system, ids(1000, 1050)), got);
        assertEquals(96, second.completion().cachedTokens(), "6 full blocks of 16 of the 100 shared tokens");
        Emission.Token first = assertInstanceOf(Emission.Token.class, got.get(1));
        assertEquals(start + STEP_BASE + PER_TOKEN * (150 - 96), first.atNanos(), "one step prefills the 54 uncached tokens");

        assertEquals(96, run(vllm, 3, system, new ArrayList<>()).completion().cachedTokens(),
                "a repeated prompt of 100 tokens recomputes its last token, so its last partial block");
        assertEquals(0, run(vllm, 4, ids(5000, 5100), new ArrayList<>()).completion().cachedTokens());
    }

    @Test
    void vllmNeverHitsPastTheFirstDifferentBlock() {
        Engine vllm = Engine.create(new VllmParams(8, 8192, 100_000, STEP_BASE, PER_TOKEN, 0), loop, 1);
        run(vllm, 1, ids(0, 64), new ArrayList<>());
        int[] changed = ids(0, 64).toArray();
        changed[20] = -1;
        assertEquals(16, run(vllm, 2, new PromptIds(changed), new ArrayList<>()).completion().cachedTokens(),
                "block 1 differs; blocks 2 and 3 chain on it and miss although their tokens are equal");
    }

    @Test
    void ollamaReusesTheSlotHoldingTheLongestPrefixAndLosesItWhenAnotherConversationTakesTheSlot() {
        Engine one = Engine.create(new OllamaParams(1, 512, 0, -1, 1e6, STEP_BASE, 0, ModelMemory.NONE), loop, 1);
        PromptIds turn1 = ids(0, 100);
        PromptIds turn2 = concat(turn1, ids(1000, 1050));
        run(one, 1, turn1, new ArrayList<>());
        assertEquals(99, run(one, 7, turn1, new ArrayList<>()).completion().cachedTokens(), "a full match evaluates its last token");
        Emission.Finished hit = run(one, 2, turn2, new ArrayList<>());
        assertEquals(100, hit.completion().cachedTokens(), "token-exact, not block-aligned");
        assertEquals(50_000L, hit.completion().promptEvalNanos(), "50 tokens at 1e6 tokens/s");
        run(one, 3, ids(5000, 5100), new ArrayList<>());
        assertEquals(0, run(one, 4, concat(turn2, ids(2000, 2010)), new ArrayList<>()).completion().cachedTokens(),
                "the only slot now holds the other conversation");

        Engine two = Engine.create(new OllamaParams(2, 512, 0, -1, 1e6, STEP_BASE, 0, ModelMemory.NONE), loop, 1);
        List<Emission> other = new ArrayList<>();
        two.submit(new Job(2, 100, 1, "k", null, Job.Purpose.GENERATE, 0, ids(5000, 5100)), other::add);
        run(two, 1, turn1, new ArrayList<>());
        assertEquals(100, run(two, 3, turn2, new ArrayList<>()).completion().cachedTokens(),
                "the concurrent conversation took the other slot, so this one's survived");
        run(two, 5, ids(7000, 7100), new ArrayList<>());
        assertEquals(150, run(two, 6, concat(turn2, ids(2000, 2010)), new ArrayList<>()).completion().cachedTokens(),
                "the new conversation took the first slot without a match (slot 0, the other conversation's)");

    }
}
