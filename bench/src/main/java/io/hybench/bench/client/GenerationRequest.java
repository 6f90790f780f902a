package io.hybench.bench.client;

import java.util.Objects;

/**
 * What to ask a target, independent of its protocol. Each client maps it to its wire format. Start from
 * {@link #chat} or {@link #of} and change a part with its {@code with...} method; every part defaults to
 * the server's own choice.
 *
 * @param requestId unique within a run; echoed in the record
 * @param conversation what is asked: a lone prompt or a conversation (chat endpoints get its messages, completion
 *                  and generate endpoints its {@link Conversation#completionText() text})
 * @param chat      true for chat endpoints, false for completion/generate endpoints
 * @param output    how long the answer may or must be
 * @param sampling  temperature and seed
 * @param logprobs  whether per-token logprobs (and how many alternatives) are asked for
 * @param ollama    Ollama-only options
 * @param promptCaching whether to mark the prompt for the server's prompt cache where the protocol needs marks
 */
public record GenerationRequest(
        String requestId,
        Conversation conversation,
        boolean chat,
        Output output,
        Sampling sampling,
        Logprobs logprobs,
        OllamaOptions ollama,
        PromptCaching promptCaching) {

    public GenerationRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(sampling, "sampling");
        Objects.requireNonNull(logprobs, "logprobs");
        Objects.requireNonNull(ollama, "ollama");
        Objects.requireNonNull(promptCaching, "promptCaching");
    }

    /**
     * @param maxTokens         output cap ({@code max_tokens}, {@code num_predict}); null for server default
     * @param forceOutputLength ask the server to emit exactly {@code maxTokens} (vLLM {@code ignore_eos} and
     *                          {@code min_tokens}); only honoured where the server supports it
     */
    public record Output(Integer maxTokens, boolean forceOutputLength) {
        public Output {
            if (maxTokens != null && maxTokens < 1) throw new IllegalArgumentException("maxTokens must be >= 1, was " + maxTokens);
            if (forceOutputLength && maxTokens == null) throw new IllegalArgumentException("forceOutputLength needs maxTokens");
        }

        /** At most {@code maxTokens} (null: the server's default cap). */
        public static Output upTo(Integer maxTokens) {
            return new Output(maxTokens, false);
        }
    }

    /**
     * @param temperature sampling temperature, null for server default
     * @param seed        sampling seed, null for none
     */
    public record Sampling(Double temperature, Long seed) {
        public static final Sampling SERVER_DEFAULT = new Sampling(null, null);

        public static Sampling temperature(Double temperature) {
            return new Sampling(temperature, null);
        }
    }

    /**
     * @param requested ask for per-token logprobs
     * @param top       alternatives per token when requested (0 for none)
     */
    public record Logprobs(boolean requested, int top) {
        public static final Logprobs NONE = new Logprobs(false, 0);

        public Logprobs {
            if (top < 0 || top > 20) throw new IllegalArgumentException("topLogprobs must be in 0..20, was " + top);
        }

        /** The chosen tokens' logprobs without alternatives when {@code requested}, else none. */
        public static Logprobs chosen(boolean requested) {
            return requested ? new Logprobs(true, 0) : NONE;
        }
    }

    /**
     * @param numCtx    Ollama {@code num_ctx}; null for server default
     * @param keepAlive Ollama {@code keep_alive} (e.g. "5m", "-1"); null for server default
     */
    public record OllamaOptions(Integer numCtx, String keepAlive) {
        public static final OllamaOptions SERVER_DEFAULT = new OllamaOptions(null, null);
    }

    /** A request with {@code output} and server defaults for everything else. */
    public static GenerationRequest of(String requestId, Conversation conversation, boolean chat, Output output) {
        return new GenerationRequest(requestId, conversation, chat, output, Sampling.SERVER_DEFAULT, Logprobs.NONE, OllamaOptions.SERVER_DEFAULT, PromptCaching.OFF);
    }

    /** A lone prompt with {@code output} and server defaults for everything else. */
    public static GenerationRequest of(String requestId, String prompt, boolean chat, Output output) {
        return of(requestId, Conversation.of(prompt), chat, output);
    }

    /** A chat request with server defaults for everything else. */
    public static GenerationRequest chat(String requestId, String prompt, Integer maxTokens) {
        return chat(requestId, Conversation.of(prompt), maxTokens);
    }

    /** A chat request with server defaults for everything else. */
    public static GenerationRequest chat(String requestId, Conversation conversation, Integer maxTokens) {
        return of(requestId, conversation, true, Output.upTo(maxTokens));
    }

    public GenerationRequest withSampling(Sampling s) {
        return new GenerationRequest(requestId, conversation, chat, output, s, logprobs, ollama, promptCaching);
    }

    public GenerationRequest withLogprobs(Logprobs l) {
        return new GenerationRequest(requestId, conversation, chat, output, sampling, l, ollama, promptCaching);
    }

    public GenerationRequest withOllama(OllamaOptions o) {
        return new GenerationRequest(requestId, conversation, chat, output, sampling, logprobs, o, promptCaching);
    }

    public GenerationRequest withPromptCaching(PromptCaching p) {
        return new GenerationRequest(requestId, conversation, chat, output, sampling, logprobs, ollama, p);
    }
}
