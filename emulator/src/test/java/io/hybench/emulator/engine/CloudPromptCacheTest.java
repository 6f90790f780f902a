package io.hybench.emulator.engine;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Known answers for the cloud prompt cache: OpenAI's automatic 128-token steps, Anthropic's breakpoints and lookback. */
class CloudPromptCacheTest {
    private static final long MINUTE = 60_000_000_000L;

    private static PromptIds automatic(int tokens) {
        return new PromptIds(IntStream.range(0, tokens).toArray(), new CacheMarks.Automatic());
    }

    /** Token ids 0..n-1 (a shared prefix is a shorter n), blocks ending at {@code ends}, breakpoints at {@code marked}. */
    private static PromptIds explicit(int tokens, int[] ends, CacheMarks.Breakpoint... marked) {
        return new PromptIds(IntStream.range(0, tokens).toArray(), new CacheMarks.Explicit(ends, List.of(marked)));
    }

    private static CacheMarks.Breakpoint at(int tokens) {
        return new CacheMarks.Breakpoint(tokens, false);
    }

    @Test
    void openAiCachesPromptsOfAtLeast1024TokensIn128TokenSteps() {
        CloudPromptCache cache = new CloudPromptCache(1024);
        assertEquals(CacheUse.NONE, cache.admit("org", automatic(1000), 0));
        assertEquals(CacheUse.NONE, cache.admit("org", automatic(1000), 1), "below 1024 tokens nothing is cached");
        assertEquals(CacheUse.NONE, cache.admit("org", automatic(1500), 2), "the first 1500-token prompt misses");
        assertEquals(new CacheUse(1408, 0, 0), cache.admit("org", automatic(1500), 3), "1024 + 3 x 128 = 1408 of 1500 hit");
        assertEquals(new CacheUse(1408, 0, 0), cache.admit("org", automatic(2000), 4), "a longer prompt hits the shared steps");
        assertEquals(new CacheUse(1920, 0, 0), cache.admit("org", automatic(2000), 5), "1024 + 7 x 128 = 1920 of 2000");
        assertEquals(CacheUse.NONE, cache.admit("other-org", automatic(2000), 6), "caches are per organisation");
        assertEquals(new CacheUse(0, 2000, 0), cache.admit("org", explicit(2000, new int[]{2000}, at(2000)), 7),
                "an Anthropic request does not read what OpenAI requests cached");
    }

    @Test
    void openAiEntriesLiveFiveMinutesFromTheirLastUse() {
        CloudPromptCache cache = new CloudPromptCache(1024);
        cache.admit("org", automatic(1100), 0);
        assertEquals(1024, cache.admit("org", automatic(1100), 4 * MINUTE).readTokens(), "alive at 4 minutes; the hit refreshes it");
        assertEquals(1024, cache.admit("org", automatic(1100), 8 * MINUTE + MINUTE / 2).readTokens(), "alive 4.5 minutes after the refresh");
        assertEquals(0, cache.admit("org", automatic(1100), 14 * MINUTE).readTokens(), "expired 5.5 minutes after its last use");
    }

    @Test
    void anthropicReadsTheLongestCachedBoundaryAndWritesUpToTheLastBreakpoint() {
        CloudPromptCache cache = new CloudPromptCache(1024);
        // turn 1: system (1200 tokens, marked), user message to 1500 (marked)
        assertEquals(new CacheUse(0, 1500, 0), cache.admit("org", explicit(1500, new int[]{1200, 1500}, at(1200), at(1500)), 0),
                "nothing cached yet: the whole prefix up to the last breakpoint is written");
        // turn 2: the same two blocks, the answer and a new user message to 2100 (marked); the old breakpoint moved on
        assertEquals(new CacheUse(1500, 600, 0), cache.admit("org", explicit(2100, new int[]{1200, 1500, 1800, 2100}, at(1200), at(2100)), MINUTE),
                "the boundary at 1500 (an earlier breakpoint) is found by the lookback from 2100; 2100 - 1500 written");
        // another session with the same system prompt only
        assertEquals(new CacheUse(1200, 300, 0), cache.admit("org", explicit(1600, new int[]{1200, 1600}, at(1200), at(1500)), 2 * MINUTE),
                "the shared system prompt hits; the breakpoint at 1500 (inside the last block) writes 300");
    }

    @Test
    void anthropicSkipsBreakpointsBelowTheMinimumAndLooksBackAtMost20Blocks() {
        CloudPromptCache cache = new CloudPromptCache(1024);
        assertEquals(CacheUse.NONE, cache.admit("org", explicit(900, new int[]{500, 900}, at(500), at(900)), 0),
                "prefixes under the model's minimum are neither written nor read");
        assertEquals(CacheUse.NONE, cache.admit("org", explicit(900, new int[]{500, 900}, at(500), at(900)), 1));
        int[] ends = IntStream.rangeClosed(1, 30).map(i -> 1000 + 100 * i).toArray(); // blocks end at 1100 .. 4000
        cache.admit("org", explicit(1100, new int[]{1100}, at(1100)), 2);
        assertEquals(new CacheUse(0, 4000, 0), cache.admit("org", explicit(4000, ends, at(4000)), 3),
                "1100 is the 30th boundary back from 4000: beyond the lookback of 20, so a miss");
        CloudPromptCache fresh = new CloudPromptCache(1024);
        fresh.admit("org", explicit(1100, new int[]{1100}, at(1100)), 2);
        assertEquals(new CacheUse(1100, 2900, 0), fresh.admit("org", explicit(4000, ends, at(1100), at(4000)), 3),
                "a breakpoint of its own at 1100 finds it");
    }

    @Test
    void anthropicOneHourBreakpointsOutliveFiveMinuteOnes() {
        CloudPromptCache cache = new CloudPromptCache(1024);
        PromptIds turn = explicit(3000, new int[]{2000, 3000}, new CacheMarks.Breakpoint(2000, true), at(3000));
        assertEquals(new CacheUse(0, 1000, 2000), cache.admit("org", turn, 0), "2000 written for an hour, the next 1000 for 5 minutes");
        assertEquals(new CacheUse(2000, 1000, 0), cache.admit("org", turn, 10 * MINUTE), "after 10 minutes only the 1-hour prefix is left");
        assertEquals(new CacheUse(3000, 0, 0), cache.admit("org", turn, 11 * MINUTE), "a repeat within 5 minutes reads it all");
    }
}
