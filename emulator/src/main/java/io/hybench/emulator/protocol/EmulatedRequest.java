package io.hybench.emulator.protocol;

import io.hybench.emulator.engine.Job;

/**
 * The fields of a generation request that shape the emulated answer, read from any protocol.
 *
 * @param model    the model asked for
 * @param rateKey  whose rate limits apply (API key or "anonymous")
 * @param purpose  a generation, or an Ollama request without a prompt that only loads or unloads the model
 * @param prompt   what was asked
 * @param length   how long the answer may or must be
 * @param sampling how the answer is drawn
 * @param delivery how the answer is sent
 * @param logprobs whether and how many token alternatives are shown
 * @param load     Ollama's model residency options
 */
public record EmulatedRequest(String model, String rateKey, Job.Purpose purpose, Prompt prompt, Length length,
                              SamplingParams sampling, Delivery delivery, Logprobs logprobs, ModelLoad load) {
    /** What was asked: its size in tokens and the last user message (chat) or prompt (completions), looked up in the answer key. */
    public record Prompt(int tokens, String lastUserText) {
        static final Prompt NONE = new Prompt(0, null);
    }

    /**
     * @param maxTokens output cap (max_tokens, num_predict); null for none
     * @param minTokens vLLM min_tokens; 0 for none
     * @param ignoreEos vLLM ignore_eos: produce exactly maxTokens
     */
    public record Length(Integer maxTokens, int minTokens, boolean ignoreEos) {
        static final Length FREE = new Length(null, 0, false);

        public Length {
            if (minTokens < 0) throw new IllegalArgumentException("minTokens must not be negative: " + minTokens);
        }

        static Length capped(Integer maxTokens) {
            return new Length(maxTokens, 0, false);
        }
    }

    /**
     * @param seed        the request's sampling seed; same seed, same text; null for none
     * @param temperature sampling temperature; null for the server default
     */
    public record SamplingParams(Long seed, Double temperature) {
        static final SamplingParams DEFAULT = new SamplingParams(null, null);
    }

    /**
     * @param stream          answer as a stream of chunks
     * @param includeUsage    a final usage chunk is wanted (OpenAI-style streams)
     * @param continuousUsage vLLM continuous_usage_stats: usage on every chunk
     */
    public record Delivery(boolean stream, boolean includeUsage, boolean continuousUsage) {
        static final Delivery WHOLE = new Delivery(false, false, false);

        static Delivery of(boolean stream) {
            return new Delivery(stream, false, false);
        }
    }

    /** @param on logprobs were asked for; @param top alternatives per token when they are on (0..20) */
    public record Logprobs(boolean on, int top) {
        static final Logprobs OFF = new Logprobs(false, 0);
    }

    /**
     * @param keepAliveNanos Ollama keep_alive; null for the server default, negative for forever
     * @param numCtx         Ollama options.num_ctx; null for the profile's context
     */
    public record ModelLoad(Long keepAliveNanos, Integer numCtx) {
        static final ModelLoad DEFAULT = new ModelLoad(null, null);
    }

    /** A generation request. */
    static EmulatedRequest generate(String model, String rateKey, Prompt prompt, Length length, SamplingParams sampling,
                                    Delivery delivery, Logprobs logprobs, ModelLoad load) {
        return new EmulatedRequest(model, rateKey, Job.Purpose.GENERATE, prompt, length, sampling, delivery, logprobs, load);
    }

    /** An Ollama request without a prompt: it only loads or unloads the model, answered with one JSON object. */
    static EmulatedRequest residency(String model, String rateKey, Job.Purpose purpose, ModelLoad load) {
        return new EmulatedRequest(model, rateKey, purpose, Prompt.NONE, Length.FREE, SamplingParams.DEFAULT,
                Delivery.WHOLE, Logprobs.OFF, load);
    }
}
