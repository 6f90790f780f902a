package io.hybench.emulator.protocol;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Deterministic generated text: token {@code i} of a request is a word from a small vocabulary chosen by
 * a hash of (emulator seed, text key, i), with a made-up but stable log-probability. The same seed and
 * key always give the same answer, as a sampling seed does on a real server.
 */
final class TokenText {
    private static final String[] VOCABULARY = {
            "the", "model", "answer", "is", "that", "a", "token", "stream", "of", "words", "arrives", "in",
            "order", "and", "each", "one", "takes", "time", "to", "decode", "while", "the", "server", "batches",
            "requests", "from", "many", "users", "so", "latency", "grows", "with", "load", "but", "throughput",
            "rises", "until", "memory", "runs", "out", "then", "queues", "form", "which", "we", "measure", "here",
            "carefully"};
    private static final String[] PUNCTUATION = {".", ","};
    private static final int PUNCTUATION_EVERY = 11;

    /** One alternative at a position: the text and its natural-log probability. */
    record Candidate(String text, double logprob) {
        byte[] utf8() {
            return text.getBytes(StandardCharsets.UTF_8);
        }
    }

    private final long seed;

    TokenText(long seed) {
        this.seed = seed;
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private long hash(long key, int index, int salt) {
        return mix(seed ^ mix(key * 0x9E3779B97F4A7C15L + index) ^ ((long) salt << 48));
    }

    /** The text of token {@code index}. */
    String token(long key, int index) {
        long h = hash(key, index, 0);
        if (index > 0 && Long.remainderUnsigned(h, PUNCTUATION_EVERY) == 0) {
            return PUNCTUATION[(int) Long.remainderUnsigned(h >>> 8, PUNCTUATION.length)];
        }
        String word = VOCABULARY[(int) Long.remainderUnsigned(h >>> 16, VOCABULARY.length)];
        return index == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : " " + word;
    }

    /** The sampled token first, then {@code top - 1} less likely alternatives (all distinct). */
    List<Candidate> candidates(long key, int index, int top) {
        String chosen = token(key, index);
        double lp = -(Long.remainderUnsigned(hash(key, index, 1), 2000) / 1000.0) - 0.001;
        return withAlternatives(new Candidate(chosen, lp), key, index, top);
    }

    /** {@code chosen}, then vocabulary words each 0.5-1.5 nats less likely than the one before, up to {@code top} in all. */
    List<Candidate> withAlternatives(Candidate chosen, long key, int index, int top) {
        if (top <= 1) return List.of(chosen);
        java.util.ArrayList<Candidate> out = new java.util.ArrayList<>(top);
        out.add(chosen);
        double next = chosen.logprob();
        for (int k = 1; out.size() < top && k < VOCABULARY.length * 2; k++) {
            String alt = " " + VOCABULARY[(int) Long.remainderUnsigned(hash(key, index, 1 + k), VOCABULARY.length)];
            if (out.stream().anyMatch(c -> c.text().equals(alt))) continue;
            next -= 0.5 + Long.remainderUnsigned(hash(key, index, 100 + k), 1000) / 1000.0;
            out.add(new Candidate(alt, next));
        }
        return out;
    }

    /** The text of tokens {@code 0..count-1} joined. */
    String text(long key, int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) sb.append(token(key, i));
        return sb.toString();
    }
}
