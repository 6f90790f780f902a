package io.hybench.bench.emulator.profile;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileLoaderTest {
    private static final String GOOD = """
            name: p
            model: m
            output:
              eos_median_tokens: 100
              eos_sigma: 0.5
              context_tokens: 4096
            engine:
              kind: ollama
              num_parallel: 4
              max_queue: 512
              load_ms: 2500
              keep_alive_ms: -1
              prefill_tokens_per_s: 1000
              decode_weight_read_ms: 10
              decode_per_sequence_ms: 1.5
            """;

    @Test
    void everyBuiltInProfileLoads() {
        for (String name : ProfileLoader.BUILT_IN) assertEquals(name, ProfileLoader.load(name).name());
    }

    @Test
    void readsMillisecondsAsNanoseconds() {
        var p = (OllamaParams) ProfileLoader.parse(GOOD, "good.yaml").engine();
        assertEquals(new OllamaParams(4, 512, 2_500_000_000L, -1, 1000, 10_000_000L, 1_500_000L), p);
    }

    @Test
    void readsModelSizesAndRefusesMoreVramThanLoadedBytes() {
        String sized = GOOD + "  model_file_bytes: 4868187500\n  loaded_bytes: 5705058412\n  vram_bytes: 5705058412\n";
        assertEquals(new ModelMemory(4_868_187_500L, 5_705_058_412L, 5_705_058_412L),
                ((OllamaParams) ProfileLoader.parse(sized, "sized.yaml").engine()).memory());
        assertEquals(ModelMemory.NONE, ((OllamaParams) ProfileLoader.parse(GOOD, "good.yaml").engine()).memory());
        assertEquals("profile bad.yaml: field engine.vram_bytes: must be at most engine.loaded_bytes (100), was 101",
                error(GOOD + "  loaded_bytes: 100\n  vram_bytes: 101\n"));
    }

    private static String error(String yaml) {
        return assertThrows(ProfileException.class, () -> ProfileLoader.parse(yaml, "bad.yaml")).getMessage();
    }

    @Test
    void rejectsOutOfRangeValuesNamingFieldAndReason() {
        assertEquals("profile bad.yaml: field engine.num_parallel: must be in [1, 1024], was 0",
                error(GOOD.replace("num_parallel: 4", "num_parallel: 0")));
    }

    @Test
    void rejectsMissingFields() {
        assertEquals("profile bad.yaml: field engine.load_ms: is required", error(GOOD.replace("  load_ms: 2500\n", "")));
    }

    @Test
    void rejectsUnknownFieldsSoTyposDoNotFallBackToDefaults() {
        assertEquals("profile bad.yaml: field engine.num_paralel: unknown field",
                error(GOOD.replace("  max_queue: 512\n", "  max_queue: 512\n  num_paralel: 2\n")));
    }

    @Test
    void rejectsWrongTypesAndUnknownKinds() {
        assertEquals("profile bad.yaml: field engine.decode_weight_read_ms: must be a number, was \"fast\"",
                error(GOOD.replace("decode_weight_read_ms: 10", "decode_weight_read_ms: fast")));
        assertTrue(error(GOOD.replace("kind: ollama", "kind: tgi")).contains("field engine.kind: must be one of ollama, vllm, cloud"));
    }

    @Test
    void rejectsAKvCacheSmallerThanOneContext() {
        String vllm = GOOD.substring(0, GOOD.indexOf("engine:")) + """
                engine:
                  kind: vllm
                  max_num_seqs: 8
                  max_num_batched_tokens: 512
                  kv_cache_tokens: 1000
                  step_base_ms: 5
                  step_per_token_ms: 0.01
                  step_per_context_token_ns: 10
                """;
        assertTrue(error(vllm).startsWith("profile bad.yaml: field engine.kv_cache_tokens: must hold at least one full context"));
    }

    @Test
    void reportsTheLineOfInvalidYaml() {
        assertTrue(error("name: p\nmodel: [unclosed\n").contains("not valid YAML at line"));
    }

    @Test
    void unknownProfileNamesListTheBuiltIns() {
        String msg = assertThrows(ProfileException.class, () -> ProfileLoader.load("nope")).getMessage();
        assertTrue(msg.contains("frontier-cloud-api"), msg);
    }
}
