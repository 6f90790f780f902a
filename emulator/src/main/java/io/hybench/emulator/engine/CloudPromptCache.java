package io.hybench.emulator.engine;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * A cloud API's prompt cache, per organisation (the API key stands for it): cached prefixes keyed by a hash
 * of their token ids and length, each alive until its TTL runs out on the emulator's clock, the TTL starting
 * again whenever the prefix is read or written. How a prompt is matched and written follows its API's marks:
 * <ul>
 *   <li>{@link CacheMarks.Automatic} (OpenAI): prompts of at least {@value #OPENAI_MIN_TOKENS} tokens are
 *   cached in steps of {@value #OPENAI_STEP_TOKENS} tokens (1024, 1152, ...); a hit is the longest cached
 *   step, and every step of the prompt is written for 5 minutes. Hits only are reported.</li>
 *   <li>{@link CacheMarks.Explicit} (Anthropic): each breakpoint of at least {@code minTokens} tokens writes its
 *   prefix (5 minutes or 1 hour); a lookup checks every block boundary up to {@value #LOOKBACK_BLOCKS} before
 *   each breakpoint and takes the longest cached one; the tokens from there to the last cacheable breakpoint are
 *   written, each at the lifetime of the breakpoint that closes them.</li>
 * </ul>
 * docs/emulator.md cites the providers' pages.
 */
final class CloudPromptCache {
    static final int OPENAI_MIN_TOKENS = 1024;
    static final int OPENAI_STEP_TOKENS = 128;
    static final int LOOKBACK_BLOCKS = 20;
    static final long FIVE_MINUTES_NANOS = 300_000_000_000L;
    static final long ONE_HOUR_NANOS = 3_600_000_000_000L;
    private static final int PRUNE_EVERY = 1024;

    private record Entry(long expiresNanos, long ttlNanos) {
    }

    private final int minTokens;
    private final Map<String, Map<Long, Entry>> byOrganisation = new HashMap<>();
    private int admissions;

    /** @param minTokens the shortest prefix an explicit breakpoint caches (Anthropic's per-model minimum) */
    CloudPromptCache(int minTokens) {
        this.minTokens = minTokens;
    }

    /** What the cache does for {@code prompt} of {@code organisation} arriving at {@code nowNanos}; writes what it caches. */
    CacheUse admit(String organisation, PromptIds prompt, long nowNanos) {
        if (prompt == null || prompt.marks() == null) return CacheUse.NONE;
        if (++admissions % PRUNE_EVERY == 0) prune(nowNanos);
        // one emulator may answer both APIs; the two providers never share a cache
        String key = (prompt.marks() instanceof CacheMarks.Automatic ? "openai:" : "anthropic:") + organisation;
        Map<Long, Entry> live = byOrganisation.computeIfAbsent(key, k -> new HashMap<>());
        long[] hashes = prefixHashes(prompt);
        return switch (prompt.marks()) {
            case CacheMarks.Automatic a -> automatic(live, hashes, prompt.length(), nowNanos);
            case CacheMarks.Explicit e -> explicit(live, hashes, e, nowNanos);
        };
    }

    private static CacheUse automatic(Map<Long, Entry> live, long[] hashes, int length, long now) {
        if (length < OPENAI_MIN_TOKENS) return CacheUse.NONE;
        int read = 0;
        for (int p = OPENAI_MIN_TOKENS; p <= length; p += OPENAI_STEP_TOKENS) {
            if (hit(live, hashes[p], now)) read = p;
            live.put(hashes[p], new Entry(now + FIVE_MINUTES_NANOS, FIVE_MINUTES_NANOS));
        }
        return CacheUse.read(read);
    }

    private CacheUse explicit(Map<Long, Entry> live, long[] hashes, CacheMarks.Explicit marks, long now) {
        int read = 0;
        for (CacheMarks.Breakpoint b : marks.breakpoints()) {
            int last = lastBlockEndingAtOrBefore(marks, b.tokens());
            for (int i = last; i >= 0 && i > last - LOOKBACK_BLOCKS; i--) {
                int p = marks.blockEnd(i);
                if (p <= read) break;
                if (p > 0 && hit(live, hashes[p], now)) {
                    read = p;
                    break;
                }
            }
        }
        int from = read, write5m = 0, write1h = 0;
        for (CacheMarks.Breakpoint b : marks.breakpoints()) {
            if (b.tokens() < minTokens) continue;
            long ttl = b.oneHour() ? ONE_HOUR_NANOS : FIVE_MINUTES_NANOS;
            Entry old = live.get(hashes[b.tokens()]);
            if (old != null && old.expiresNanos() > now) ttl = Math.max(ttl, old.ttlNanos());
            live.put(hashes[b.tokens()], new Entry(now + ttl, ttl));
            if (b.tokens() > from) {
                if (b.oneHour()) write1h += b.tokens() - from;
                else write5m += b.tokens() - from;
                from = b.tokens();
            }
        }
        return new CacheUse(read, write5m, write1h);
    }

    /** Whether the prefix is cached and alive; a hit starts its TTL again. */
    private static boolean hit(Map<Long, Entry> live, long hash, long now) {
        Entry e = live.get(hash);
        if (e == null || e.expiresNanos() <= now) return false;
        live.put(hash, new Entry(now + e.ttlNanos(), e.ttlNanos()));
        return true;
    }

    private static int lastBlockEndingAtOrBefore(CacheMarks.Explicit marks, int tokens) {
        int i = marks.blocks() - 1;
        while (i >= 0 && marks.blockEnd(i) > tokens) i--;
        return i;
    }

    /** hashes[p] names the prompt's first p tokens (p from 0 to its length). */
    private static long[] prefixHashes(PromptIds prompt) {
        long[] h = new long[prompt.length() + 1];
        long x = 0x632BE59BD9B4E019L;
        for (int i = 0; i < prompt.length(); i++) {
            x = (x ^ prompt.at(i)) * 0xBF58476D1CE4E5B9L;
            x ^= x >>> 31;
            h[i + 1] = x * 0x9E3779B97F4A7C15L + i + 1;
        }
        return h;
    }

    private void prune(long now) {
        for (Iterator<Map<Long, Entry>> orgs = byOrganisation.values().iterator(); orgs.hasNext(); ) {
            Map<Long, Entry> live = orgs.next();
            live.values().removeIf(e -> e.expiresNanos() <= now);
            if (live.isEmpty()) orgs.remove();
        }
    }
}
