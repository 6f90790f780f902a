package io.hybench.emulator;

import io.hybench.emulator.profile.EmulatorProfile;
import io.hybench.emulator.profile.ProfileLoader;

/** Small, fast profiles for wire tests (milliseconds per token, so a stream takes well under a second). */
public final class TestProfiles {
    private TestProfiles() {
    }

    private static final String OUTPUT = """
            output:
              eos_median_tokens: 12
              eos_sigma: 0.3
              context_tokens: 4096
            """;

    /** An answer model for wire tests: confidence 0.9 - 0.1 per difficulty step, over-confident (c^2), short working. */
    public static final String ANSWERS = """
            answers:
              confidence: {base: 0.9, slope: 0.1, spread: 0.05}
              reliability: {curve: power, exponent: 2}
              working: {median_tokens: 6, sigma: 0.3}
            """;

    public static EmulatorProfile ollama(int maxQueue, String faults) {
        return ProfileLoader.parse("""
                name: test-ollama
                model: llama3.1:8b
                server_version: "0.11.4"
                """ + OUTPUT + """
                engine:
                  kind: ollama
                  num_parallel: 2
                  max_queue: %d
                  load_ms: 20
                  keep_alive_ms: 300000
                  prefill_tokens_per_s: 100000
                  decode_weight_read_ms: 2
                  decode_per_sequence_ms: 0.5
                """.formatted(maxQueue) + faults, "test-ollama");
    }

    public static EmulatorProfile vllm(String faults) {
        return ProfileLoader.parse("""
                name: test-vllm
                model: meta-llama/Llama-3.1-8B-Instruct
                server_version: "0.24.0"
                """ + OUTPUT + """
                engine:
                  kind: vllm
                  max_num_seqs: 64
                  max_num_batched_tokens: 2048
                  kv_cache_tokens: 65536
                  step_base_ms: 2
                  step_per_token_ms: 0.001
                  step_per_context_token_ns: 1
                """ + faults, "test-vllm");
    }

    public static EmulatorProfile cloud(int rpm, double overloadRate) {
        return ProfileLoader.parse("""
                name: test-cloud
                model: frontier-test
                """ + OUTPUT + """
                engine:
                  kind: cloud
                  rtt_ms: 1
                  queue_median_ms: 2
                  queue_sigma: 0.2
                  prefill_tokens_per_s: 100000
                  decode_tokens_per_s: 500
                  decode_jitter_sigma: 0.2
                  rpm_limit: %d
                  tpm_limit: 0
                  overload_rate: %s
                """.formatted(rpm, overloadRate), "test-cloud");
    }
}
