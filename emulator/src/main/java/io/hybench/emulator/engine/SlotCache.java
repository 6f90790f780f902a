package io.hybench.emulator.engine;

/**
 * Ollama's per-slot input cache: each of {@code num_parallel} slots keeps the tokens of the last sequence
 * it served, and a new sequence takes the free slot whose cached tokens share the longest prefix with its
 * prompt, then only evaluates the rest; a full match still evaluates the last token to sample from
 * (ollama runner/ollamarunner/cache.go, LoadCacheSlot and findLongestCacheSlot, the default without
 * OLLAMA_MULTIUSER_CACHE). A slot serving another conversation is overwritten, so interleaved sessions
 * on fewer slots than sessions lose their history.
 */
final class SlotCache {
    private final int[][] inputs;
    private final boolean[] inUse;

    SlotCache(int slots) {
        inputs = new int[slots][0];
        inUse = new boolean[slots];
    }

    /** A claimed slot and the prompt tokens it already holds. */
    record Claim(int slot, int cachedTokens) {
    }

    /** Claims the free slot with the longest common prefix (the lowest index among equals); null when none is free. */
    Claim claim(PromptIds prompt, int promptTokens) {
        int best = -1;
        int longest = -1;
        for (int i = 0; i < inputs.length; i++) {
            if (inUse[i]) continue;
            int common = prompt == null ? 0 : prompt.commonPrefix(inputs[i]);
            if (common > longest) {
                longest = common;
                best = i;
            }
        }
        if (best < 0) return null;
        inUse[best] = true;
        int cached = Math.min(longest, promptTokens);
        if (cached == promptTokens) cached--;
        inputs[best] = prompt == null ? new int[0] : prompt.toArray();
        return new Claim(best, Math.max(0, cached));
    }

    void release(int slot) {
        inUse[slot] = false;
    }
}
