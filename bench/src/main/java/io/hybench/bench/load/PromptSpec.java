package io.hybench.bench.load;

import java.nio.file.Path;
import java.util.Objects;

/** Where prompts come from, as a workload file states it. */
public sealed interface PromptSpec {

    /**
     * Generated prompts of controlled length.
     *
     * @param inputTokens  prompt length in words (about one token each; the server's count is in the record)
     * @param outputTokens requested output length ({@code max_tokens})
     */
    record Synthetic(Distribution inputTokens, Distribution outputTokens) implements PromptSpec {
        public Synthetic {
            Objects.requireNonNull(inputTokens, "inputTokens");
            Objects.requireNonNull(outputTokens, "outputTokens");
        }
    }

    /**
     * Prompts read from a JSONL or CSV file (see docs/results.md for the columns).
     *
     * @param path             absolute path of the file
     * @param format           JSONL or CSV
     * @param defaultMaxTokens output cap for prompts whose line gives none; null for the server's default
     */
    record File(Path path, PromptFileFormat format, Integer defaultMaxTokens) implements PromptSpec {
        public File {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(format, "format");
            if (defaultMaxTokens != null && defaultMaxTokens < 1) {
                throw new IllegalArgumentException("defaultMaxTokens must be >= 1, was " + defaultMaxTokens);
            }
        }
    }

    enum PromptFileFormat { JSONL, CSV }
}
