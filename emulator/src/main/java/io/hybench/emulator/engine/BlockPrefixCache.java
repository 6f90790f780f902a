package io.hybench.emulator.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * vLLM's automatic prefix caching: the prompt is cut into full blocks of {@code blockSize} tokens, each
 * block named by a hash chained over its parent's hash and its own tokens, so a block hits only when the
 * whole prefix up to it is identical (vllm/v1/core/kv_cache_utils.py, hash_block_tokens). A lookup takes
 * the longest run of cached blocks from the start, capped at the prompt's length minus one because the
 * last token is always recomputed for its logits (vllm/v1/core/kv_cache_manager.py, get_computed_blocks).
 * Evicted least recently used first, as vLLM's free-block queue hands out the oldest freed block.
 */
final class BlockPrefixCache {
    private final int blockSize;
    private final long capacityBlocks;
    private final LinkedHashMap<Long, Boolean> blocks = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > capacityBlocks;
        }
    };

    BlockPrefixCache(int blockSize, long capacityTokens) {
        if (blockSize < 1) throw new IllegalArgumentException("blockSize < 1: " + blockSize);
        this.blockSize = blockSize;
        this.capacityBlocks = Math.max(1, capacityTokens / blockSize);
    }

    /** Tokens of {@code prompt} (of {@code length} tokens, at most the ids known) already in the cache. */
    int cachedTokens(PromptIds prompt, int length) {
        if (prompt == null) return 0;
        int maxBlocks = Math.max(0, Math.min(length, prompt.length()) - 1) / blockSize;
        long parent = 0;
        int hits = 0;
        for (int b = 0; b < maxBlocks; b++) {
            parent = blockHash(parent, prompt, b);
            if (blocks.get(parent) == null) break;
            hits++;
        }
        return hits * blockSize;
    }

    /** Caches every full block of the prompt's first {@code tokens} tokens (done once they are computed). */
    void insert(PromptIds prompt, int tokens) {
        if (prompt == null) return;
        int full = Math.min(tokens, prompt.length()) / blockSize;
        long parent = 0;
        for (int b = 0; b < full; b++) {
            parent = blockHash(parent, prompt, b);
            blocks.put(parent, Boolean.TRUE);
        }
    }

    private long blockHash(long parent, PromptIds prompt, int block) {
        long h = parent * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
        for (int i = block * blockSize, end = i + blockSize; i < end; i++) {
            h = (h ^ prompt.at(i)) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
        }
        return h;
    }
}
