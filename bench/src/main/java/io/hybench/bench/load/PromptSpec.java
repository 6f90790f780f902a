package io.hybench.bench.load;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/** Where prompts come from, as a workload file states it. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.WRAPPER_OBJECT)
@JsonSubTypes({@JsonSubTypes.Type(value = PromptSpec.Synthetic.class, name = "synthetic"),
        @JsonSubTypes.Type(value = PromptSpec.File.class, name = "file"),
        @JsonSubTypes.Type(value = PromptSpec.Trace.class, name = "trace")})
public sealed interface PromptSpec {
    /** The {@code @JacksonInject} key of the folder that relative prompt-file paths resolve against. */
    String BASE_DIR = "baseDir";


    /**
     * Generated prompts of controlled length.
     *
     * @param inputTokens  prompt length in words (about one token each; the server's count is in the record);
     *                     a normal or lognormal length is at least 1
     * @param outputTokens requested output length ({@code max_tokens}); a normal or lognormal length is at least 1
     */
    record Synthetic(@JsonProperty(required = true) Distribution inputTokens,
                     @JsonProperty(required = true) Distribution outputTokens) implements PromptSpec {
        public Synthetic {
            inputTokens = Objects.requireNonNull(inputTokens, "inputTokens").atLeast(1);
            outputTokens = Objects.requireNonNull(outputTokens, "outputTokens").atLeast(1);
        }
    }

    /**
     * Prompts read from a JSONL or CSV file (see docs/results.md for the columns).
     *
     * @param path             absolute path of the file
     * @param format           JSONL or CSV
     * @param defaultMaxTokens output cap for prompts whose line gives none; null for the server's default
     */
    record File(@JsonSerialize(using = ToStringSerializer.class) Path path, PromptFileFormat format,
                @JsonProperty("maxTokens") @JsonInclude(JsonInclude.Include.NON_NULL) Integer defaultMaxTokens) implements PromptSpec {
        public File {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(format, "format");
            if (defaultMaxTokens != null && defaultMaxTokens < 1) {
                throw new IllegalArgumentException("defaultMaxTokens must be >= 1, was " + defaultMaxTokens);
            }
        }

        /** A relative path resolves against the workload's folder; the format follows the extension unless given. */
        @JsonCreator
        static File fromFile(@JacksonInject(BASE_DIR) Path baseDir, @JsonProperty(value = "path", required = true) String path,
                             @JsonProperty("format") PromptFileFormat format, @JsonProperty("maxTokens") Integer maxTokens) {
            Path resolved = baseDir.resolve(path).toAbsolutePath().normalize();
            if (!Files.isRegularFile(resolved)) throw new IllegalArgumentException("no such prompt file: " + resolved);
            return new File(resolved, format != null ? format : formatOf(resolved), maxTokens);
        }

        private static PromptFileFormat formatOf(Path path) {
            String n = path.getFileName().toString().toLowerCase(Locale.ROOT);
            if (n.endsWith(".jsonl")) return PromptFileFormat.JSONL;
            if (n.endsWith(".csv")) return PromptFileFormat.CSV;
            throw new IllegalArgumentException("cannot tell the format of " + path.getFileName() + " from its name; add format: jsonl or format: csv");
        }
    }

    enum PromptFileFormat { JSONL, CSV }

    /**
     * Prompts synthesised to a timestamped trace's lengths, for a {@code load: {mode: trace}} replay (formats in
     * docs/results.md). Where a Mooncake trace's hash ids repeat, the prompts repeat the same text block.
     *
     * @param path        absolute path of the trace
     * @param format      which public trace format the file is in
     * @param blockTokens tokens per hash id (Mooncake's traces use 512)
     */
    record Trace(@JsonSerialize(using = ToStringSerializer.class) Path path, TraceFormat format, int blockTokens) implements PromptSpec {
        public Trace {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(format, "format");
            if (blockTokens < 1) throw new IllegalArgumentException("blockTokens must be >= 1, was " + blockTokens);
        }

        /** A relative path resolves against the workload's folder; 512 tokens a block unless given. */
        @JsonCreator
        static Trace fromFile(@JacksonInject(BASE_DIR) Path baseDir, @JsonProperty(value = "path", required = true) String path,
                              @JsonProperty(value = "format", required = true) TraceFormat format,
                              @JsonProperty("blockTokens") Integer blockTokens) {
            Path resolved = baseDir.resolve(path).toAbsolutePath().normalize();
            if (!Files.isRegularFile(resolved)) throw new IllegalArgumentException("no such trace file: " + resolved);
            return new Trace(resolved, format, blockTokens != null ? blockTokens : 512);
        }
    }

    /** The public trace formats a replay reads. */
    enum TraceFormat { MOONCAKE, BURSTGPT, AZURE }
}
