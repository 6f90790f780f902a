package io.hybench.emulator.protocol;

/**
 * Which server speaks the OpenAI-compatible protocol: the same frames with different details
 * (fingerprints, usage defaults, whether EOS counts, where finish_reason goes, error bodies).
 */
enum OpenAiDialect {
    /** vLLM's OpenAI server: stream_options implies include_usage, EOS counted, int error codes. */
    VLLM,
    /** Ollama's /v1 compatibility layer: fp_ollama, role on the first content chunk, counts from Ollama's metrics. */
    OLLAMA,
    /** OpenAI itself: refusal/service_tier/obfuscation fields, usage:null on every chunk when usage is asked for. */
    OPENAI;

    /** Whether completion_tokens includes the end-of-sequence token. */
    boolean countsEos() {
        return this != OPENAI;
    }
}
