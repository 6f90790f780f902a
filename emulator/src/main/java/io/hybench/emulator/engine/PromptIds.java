package io.hybench.emulator.engine;

import java.util.Arrays;
import java.util.Objects;

/**
 * A prompt as a sequence of token identities, which is all a prefix cache compares: two prompts share a
 * cached prefix exactly as far as their ids agree. The emulator has no tokenizer, so the protocol layer
 * derives the ids from the rendered prompt's bytes (see {@code PromptTokens}); equal text gives equal ids.
 * {@code marks} says how a cloud API was asked to cache it (null: no marks; engines that cache every prompt
 * ignore them).
 */
public record PromptIds(int[] ids, CacheMarks marks) {
    public PromptIds {
        ids = ids.clone();
    }

    public PromptIds(int[] ids) {
        this(ids, null);
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
        return o instanceof PromptIds p && Arrays.equals(ids, p.ids) && Objects.equals(marks, p.marks);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids) * 31 + Objects.hashCode(marks);
    }

    @Override
    public String toString() {
        return "PromptIds[" + ids.length + " tokens]";
    }
}
