package io.hybench.bench.load;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** Where prompts come from, as a workload file states it. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.WRAPPER_OBJECT)
@JsonSubTypes({@JsonSubTypes.Type(value = PromptSpec.Synthetic.class, name = "synthetic"),
        @JsonSubTypes.Type(value = PromptSpec.File.class, name = "file"),
        @JsonSubTypes.Type(value = PromptSpec.Trace.class, name = "trace"),
        @JsonSubTypes.Type(value = PromptSpec.Sessions.class, name = "sessions")})
public sealed interface PromptSpec {
    /** The {@code @JacksonInject} key of the folder that relative prompt-file paths resolve against. */
    String BASE_DIR = "baseDir";
    /**
     * The {@code @JacksonInject} key of whether the files a workload names must exist: true for a workload to run, false
     * for a results folder's recorded one (read for its settings, perhaps on another machine).
     */
    String FILES_REQUIRED = "filesRequired";


    /**
     * Generated prompts of controlled length.
     *
     * @param inputTokens  prompt length in words (about one token each; the server's count is in the record), or in
     *                     tokens of {@code tokenizer} exactly when one is named; a normal or lognormal length is at least 1
     * @param outputTokens requested output length ({@code max_tokens}); a normal or lognormal length is at least 1
     * @param tokenizer    the tokenizer that makes prompt lengths token-exact; null for words
     */
    record Synthetic(@JsonProperty(required = true) Distribution inputTokens,
                     @JsonProperty(required = true) Distribution outputTokens,
                     @JsonInclude(JsonInclude.Include.NON_NULL) Tokenizer tokenizer) implements PromptSpec {
        public Synthetic {
            inputTokens = Objects.requireNonNull(inputTokens, "inputTokens").atLeast(1);
            outputTokens = Objects.requireNonNull(outputTokens, "outputTokens").atLeast(1);
        }

        /** Lengths in words. */
        public Synthetic(Distribution inputTokens, Distribution outputTokens) {
            this(inputTokens, outputTokens, null);
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
        static File fromFile(@JacksonInject(BASE_DIR) Path baseDir, @JacksonInject(FILES_REQUIRED) boolean required,
                             @JsonProperty(value = "path", required = true) String path,
                             @JsonProperty("format") PromptFileFormat format, @JsonProperty("maxTokens") Integer maxTokens) {
            Path resolved = baseDir.resolve(path).toAbsolutePath().normalize();
            if (required && !Files.isRegularFile(resolved)) throw new IllegalArgumentException("no such prompt file: " + resolved);
            return new File(resolved, format != null ? format : formatOf(resolved), maxTokens);
        }

        private static PromptFileFormat formatOf(Path path) {
            String n = path.getFileName().toString().toLowerCase(Locale.ROOT);
            if (n.endsWith(".jsonl")) return PromptFileFormat.JSONL;
            if (n.endsWith(".csv")) return PromptFileFormat.CSV;
            throw new IllegalArgumentException("cannot tell the format of " + path.getFileName() + " from its name; add format: jsonl or format: csv");
        }
    }

    /**
     * Multi-turn sessions, as agents and chats send them: each turn's prompt is the whole conversation so far
     * (shared system prompt, earlier user messages, the server's own earlier answers, simulated tool results)
     * plus a new user message. With {@code turns: 1} and a system prompt of N groups this is vLLM bench's
     * prefix_repetition dataset (prefix length = {@code systemPrompt.tokens}, suffix = {@code userTokens}).
     *
     * @param turns            requests per session (K); a failed turn ends its session early
     * @param userTokens       each new user message's length in words (about one token each); null when {@code userMessages} gives them
     * @param outputTokens     requested output length of each turn ({@code max_tokens})
     * @param systemPrompt     a system prompt shared by the sessions of a group; null for none
     * @param thinkTimeMs      pause between a turn's response and the next turn; null for none
     * @param toolResultTokens a simulated tool result of this many words fed back before each later user message; null for none
     * @param tokenizer        makes every generated length (user messages, system prompts, tool results) token-exact; null for words
     * @param userMessages     a prompt file (JSONL or CSV, as {@code prompts.file}) whose lines are the user messages, drawn
     *                         uniformly at random per turn; null for synthetic messages of {@code userTokens}
     */
    record Sessions(@JsonProperty(required = true) int turns,
                    @JsonInclude(JsonInclude.Include.NON_NULL) Distribution userTokens,
                    @JsonProperty(required = true) Distribution outputTokens,
                    @JsonInclude(JsonInclude.Include.NON_NULL) SharedPrefix systemPrompt,
                    @JsonInclude(JsonInclude.Include.NON_NULL) Distribution thinkTimeMs,
                    @JsonInclude(JsonInclude.Include.NON_NULL) Distribution toolResultTokens,
                    @JsonInclude(JsonInclude.Include.NON_NULL) Tokenizer tokenizer,
                    @JsonInclude(JsonInclude.Include.NON_NULL) UserMessages userMessages) implements PromptSpec {
        public Sessions {
            if (turns < 1) throw new IllegalArgumentException("turns must be >= 1, was " + turns);
            if ((userTokens == null) == (userMessages == null)) throw new IllegalArgumentException("give exactly one of userTokens and userMessages");
            if (userTokens != null) userTokens = userTokens.atLeast(1);
            outputTokens = Objects.requireNonNull(outputTokens, "outputTokens").atLeast(1);
        }
    }

    /** A prompt file read as sessions' user messages: {@code path} and {@code format} as in {@link File}. */
    record UserMessages(@JsonSerialize(using = ToStringSerializer.class) Path path, PromptFileFormat format) {
        public UserMessages {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(format, "format");
        }

        @JsonCreator
        static UserMessages fromFile(@JacksonInject(BASE_DIR) Path baseDir, @JacksonInject(FILES_REQUIRED) boolean required,
                                     @JsonProperty(value = "path", required = true) String path,
                                     @JsonProperty("format") PromptFileFormat format) {
            File f = File.fromFile(baseDir, required, path, format, null);
            return new UserMessages(f.path(), f.format());
        }

        File asFile() {
            return new File(path, format, null);
        }
    }

    /**
     * A system prompt shared by sessions: {@code groups} different prompts of {@code tokens} words each;
     * every session draws its group uniformly at random.
     */
    record SharedPrefix(@JsonProperty(required = true) int tokens, Integer groups) {
        public SharedPrefix {
            if (tokens < 1) throw new IllegalArgumentException("tokens must be >= 1, was " + tokens);
            groups = groups == null ? 1 : groups;
            if (groups < 1) throw new IllegalArgumentException("groups must be >= 1, was " + groups);
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
     * @param tokenizer   makes each prompt exactly its traced input length in this tokenizer's tokens (and each hash
     *                    block exactly {@code blockTokens}); null for words of about one token each
     * @param select      which of a BurstGPT trace's rows to replay; {@link Select#ALL} for every row
     */
    record Trace(@JsonSerialize(using = ToStringSerializer.class) Path path, TraceFormat format, int blockTokens,
                 @JsonInclude(JsonInclude.Include.NON_NULL) Tokenizer tokenizer,
                 @JsonUnwrapped Select select) implements PromptSpec {
        public Trace {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(select, "select");
            if (blockTokens < 1) throw new IllegalArgumentException("blockTokens must be >= 1, was " + blockTokens);
            if (!select.equals(Select.ALL) && format != TraceFormat.BURSTGPT) {
                throw new IllegalArgumentException("model and logType select rows of a burstgpt trace only (its Model and Log Type columns)");
            }
        }

        /** A relative path resolves against the workload's folder; 512 tokens a block unless given. */
        @JsonCreator
        static Trace fromFile(@JacksonInject(BASE_DIR) Path baseDir, @JacksonInject(FILES_REQUIRED) boolean required,
                              @JsonProperty(value = "path", required = true) String path,
                              @JsonProperty(value = "format", required = true) TraceFormat format,
                              @JsonProperty("blockTokens") Integer blockTokens, @JsonProperty("tokenizer") Tokenizer tokenizer,
                              @JsonProperty("model") String model, @JsonProperty("logType") String logType) {
            Path resolved = baseDir.resolve(path).toAbsolutePath().normalize();
            if (required && !Files.isRegularFile(resolved)) throw new IllegalArgumentException("no such trace file: " + resolved);
            return new Trace(resolved, format, blockTokens != null ? blockTokens : 512, tokenizer, new Select(model, logType));
        }
    }

    /**
     * Rows of a BurstGPT trace to replay, by exact value of its {@code Model} and {@code Log Type} columns, each
     * a list of values separated by {@code |} (e.g. {@code ChatGPT|GPT-4}, {@code Conversation log}); null keeps all.
     */
    record Select(@JsonInclude(JsonInclude.Include.NON_NULL) String model, @JsonInclude(JsonInclude.Include.NON_NULL) String logType) {
        public static final Select ALL = new Select(null, null);

        public Select {
            for (String v : Arrays.asList(model, logType)) {
                if (v != null && values(v).isEmpty()) throw new IllegalArgumentException("model and logType list values separated by |, was '" + v + "'");
            }
        }

        /** Whether a row with these column values is replayed. */
        public boolean keeps(String rowModel, String rowLogType) {
            return (model == null || values(model).contains(rowModel)) && (logType == null || values(logType).contains(rowLogType));
        }

        private static Set<String> values(String list) {
            return Arrays.stream(list.split("\\|")).map(String::strip).filter(v -> !v.isEmpty()).collect(Collectors.toSet());
        }
    }

    /** The public trace formats a replay reads. */
    enum TraceFormat { MOONCAKE, BURSTGPT, AZURE }
}
