package io.hybench.emulator.answer;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The questions an emulator answers with its answer model, by the exact prompt text a client sends
 * (the last user message, or a completion's prompt). Prompts not in the key get generated text. Built
 * by the question set's owner (calibrate's {@code collect} renders its questions through its prompt
 * templates); the emulator knows nothing of templates or question files.
 */
public final class AnswerKey {
    /** How the question is answered: a letter, a number or a short text. */
    public enum Kind { MULTIPLE_CHOICE, NUMERIC, TEXT }

    /**
     * One question.
     *
     * @param id          the question's id (truth log, seeding)
     * @param kind        how it is answered
     * @param options     option texts in letter order (multiple choice), else empty
     * @param gold        the correct answer: a letter, a plain decimal number, or the reference text
     * @param difficulty  1 = easiest; the confidence model loses {@code slope} per step above 1
     */
    public record Entry(String id, Kind kind, List<String> options, String gold, double difficulty) {
        public Entry {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(gold, "gold");
            options = options == null ? List.of() : List.copyOf(options);
            if (id.isBlank()) throw new IllegalArgumentException("answer key: blank question id");
            if (!Double.isFinite(difficulty)) throw new IllegalArgumentException("answer key: question " + id + ": difficulty " + difficulty + " is not finite");
            switch (kind) {
                case MULTIPLE_CHOICE -> {
                    if (options.size() < 2 || options.size() > 26) {
                        throw new IllegalArgumentException("answer key: question " + id + ": needs 2 to 26 options, has " + options.size());
                    }
                    if (gold.length() != 1 || gold.charAt(0) < 'A' || gold.charAt(0) >= 'A' + options.size()) {
                        throw new IllegalArgumentException("answer key: question " + id + ": gold '" + gold + "' is not one of letters A-"
                                + (char) ('A' + options.size() - 1));
                    }
                }
                case NUMERIC -> {
                    try {
                        new BigDecimal(gold);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("answer key: question " + id + ": numeric gold '" + gold + "' is not a plain number");
                    }
                }
                case TEXT -> {
                    if (gold.isBlank() || gold.contains("\n")) {
                        throw new IllegalArgumentException("answer key: question " + id + ": text gold must be one non-blank line");
                    }
                }
            }
        }

        /** The letter of the gold option (multiple choice). */
        int goldIndex() {
            return gold.charAt(0) - 'A';
        }
    }

    public static final AnswerKey NONE = new AnswerKey(Map.of());

    private final Map<String, Entry> byPrompt;

    private AnswerKey(Map<String, Entry> byPrompt) {
        this.byPrompt = byPrompt;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The question asked by exactly this prompt text, or null. */
    public Entry find(String prompt) {
        return prompt == null ? null : byPrompt.get(prompt);
    }

    public boolean isEmpty() {
        return byPrompt.isEmpty();
    }

    public int size() {
        return byPrompt.size();
    }

    public Collection<Entry> entries() {
        return byPrompt.values();
    }

    /** Collects prompt → question pairs; two questions with the same prompt text are an error. */
    public static final class Builder {
        private final Map<String, Entry> byPrompt = new LinkedHashMap<>();

        public Builder add(String prompt, Entry entry) {
            Objects.requireNonNull(prompt, "prompt");
            Entry before = byPrompt.putIfAbsent(prompt, Objects.requireNonNull(entry, "entry"));
            if (before != null) {
                throw new IllegalArgumentException("answer key: questions " + before.id() + " and " + entry.id()
                        + " have the same prompt text; the emulator could not tell them apart");
            }
            return this;
        }

        public AnswerKey build() {
            return new AnswerKey(Map.copyOf(byPrompt));
        }
    }
}
