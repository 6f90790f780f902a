package io.hybench.emulator.profile;

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

    private static final String ANSWERS = """
            answers:
              confidence: {base: 0.95, slope: 0.08, spread: 0.05}
              reliability: {curve: points, points: [[0.2, 0.1], [0.6, 0.3], [1.0, 0.9]]}
              working: {median_tokens: 30, sigma: 0.4}
            """;

    @Test
    void readsTheAnswerModel() {
        AnswerParams a = ProfileLoader.parse(GOOD + ANSWERS, "a.yaml").answers();
        assertEquals(0.95, a.confidenceBase());
        assertEquals(0.08, a.confidenceSlope());
        assertEquals(0.05, a.confidenceSpread());
        assertEquals(new Reliability.Points(new double[]{0.2, 0.6, 1.0}, new double[]{0.1, 0.3, 0.9}), a.reliability());
        assertEquals(30, a.workingMedianTokens());
        assertEquals(null, ProfileLoader.parse(GOOD, "good.yaml").answers(), "optional");
        assertEquals(new Reliability.Power(2), ProfileLoader.parse(GOOD + ANSWERS.replace(
                "{curve: points, points: [[0.2, 0.1], [0.6, 0.3], [1.0, 0.9]]}", "{curve: power, exponent: 2}"), "a.yaml").answers().reliability());
    }

    @Test
    void pointsInterpolateLinearlyAndStayFlatOutside() {
        Reliability r = new Reliability.Points(new double[]{0.2, 0.6, 1.0}, new double[]{0.1, 0.3, 0.9});
        assertEquals(0.1, r.probability(0.05));
        assertEquals(0.2, r.probability(0.4), 1e-12);
        assertEquals(0.3, r.probability(0.6));
        assertEquals(0.75, r.probability(0.9), 1e-12);
        assertEquals(0.9, r.probability(1.0));
        assertEquals(0.49, new Reliability.Power(2).probability(0.7), 1e-12);
    }

    @Test
    void shippedProfilesAnswerLocalOverConfidentCloudCalibrated() {
        for (String name : ProfileLoader.BUILT_IN) {
            EmulatorProfile p = ProfileLoader.load(name);
            Reliability r = p.answers().reliability();
            if (p.kind() == EngineKind.CLOUD) assertEquals(new Reliability.Calibrated(), r, name);
            else assertTrue(r.probability(0.8) < 0.8, name + " is over-confident: " + r);
        }
    }

    @Test
    void rejectsBadAnswerModelsNamingTheField() {
        assertEquals("profile bad.yaml: field answers.reliability.curve: must be one of calibrated, power, points, was 'linear'",
                error(GOOD + ANSWERS.replace("curve: points, points: [[0.2, 0.1], [0.6, 0.3], [1.0, 0.9]]", "curve: linear")));
        assertEquals("profile bad.yaml: field answers.reliability.exponent: is required",
                error(GOOD + ANSWERS.replace("curve: points, points: [[0.2, 0.1], [0.6, 0.3], [1.0, 0.9]]", "curve: power")));
        assertEquals("profile bad.yaml: field answers.reliability.points[1]: confidences must increase strictly, 0.2 follows 0.2",
                error(GOOD + ANSWERS.replace("[0.6, 0.3]", "[0.2, 0.3]")));
        assertEquals("profile bad.yaml: field answers.reliability.points[2]: numbers must be in [0, 1], was [1.0,1.5]",
                error(GOOD + ANSWERS.replace("[1.0, 0.9]", "[1.0, 1.5]")));
        assertEquals("profile bad.yaml: field answers.confidence.base: must be in [0, 1], was 1.2",
                error(GOOD + ANSWERS.replace("base: 0.95", "base: 1.2")));
        assertEquals("profile bad.yaml: field answers.working.sigma: is required",
                error(GOOD + ANSWERS.replace(", sigma: 0.4", "")));
        assertEquals("profile bad.yaml: field answers.confidence.spred: unknown field",
                error(GOOD + ANSWERS.replace("spread: 0.05", "spread: 0.05, spred: 1")));
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
