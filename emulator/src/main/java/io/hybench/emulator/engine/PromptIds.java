package io.hybench.emulator.engine;

import java.util.Arrays;

/**
 * A prompt as a sequence of token identities, which is all a prefix cache compares: two prompts share a
 * cached prefix exactly as far as their ids agree. The emulator has no tokenizer, so the protocol layer
 * derives the ids from the rendered prompt's bytes (see {@code PromptTokens}); equal text gives equal ids.
 */
public record PromptIds(int[] ids) {
    public PromptIds {
        ids = ids.clone();
    }

    public int length() {
        return ids.length;
    }

    int at(int i) {
        return ids[i];
    }

    /** How many leading ids this prompt shares with {@code other}. */
    int commonPrefix(int[] other) {
        int n = Math.min(ids.length, other.length);
        int i = Arrays.mismatch(ids, 0, n, other, 0, n);
        return i < 0 ? n : i;
    }

    int[] toArray() {
        return ids.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PromptIds p && Arrays.equals(ids, p.ids);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        return "PromptIds[" + ids.length + " tokens]";
    }
}
