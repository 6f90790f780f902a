package io.hybench.calibrate.export;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybench.calibrate.cost.ModelPrice;
import io.hybench.calibrate.cost.PriceFile;
import io.hybench.calibrate.policy.Policy;
import io.hybench.core.mapper.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A LiteLLM proxy {@code config.yaml}: the local and cloud deployments in {@code model_list} (costs
 * per token in {@code model_info} when the price file has them), and {@code router_settings} with an
 * error fallback local -> cloud. LiteLLM has no confidence-based escalation (its fallbacks fire on
 * errors only), so {@code litellm_settings.callbacks} loads the project's hook
 * (scripts/litellm/hybench_hook.py), which applies router-spec.json; the fitted policy is also
 * restated in the local deployment's {@code model_info.metadata} under {@code hybench_*} keys; the thresholds are in the oriented sense
 * of the router spec (higher keeps local) with the raw-sense rules beside them.
 */
public final class LiteLlmConfigExporter {
    public static final String LOCAL_NAME = "hybrid-local", CLOUD_NAME = "hybrid-cloud";
    /** The project's routing hook (scripts/litellm/hybench_hook.py) as LiteLLM's callbacks setting names it. */
    public static final String HOOK = "hybench_hook.proxy_handler_instance";

    private LiteLlmConfigExporter() {
    }

    public static String render(RouterSpec spec, LiteLlmTargets given, PriceFile prices) throws IOException {
        boolean cascade = !(spec.routing().policy() instanceof Policy.PreRoute);
        // the hook's default signal is the reply's mean token logprob: the local deployment must return logprobs
        LiteLlmTargets targets = cascade ? given.withLocalLogprobs() : given;
        Map<String, Object> localParams = new LinkedHashMap<>();
        localParams.put("model", targets.localModel());
        localParams.put("api_base", targets.localApiBase());
        Map<String, Object> localInfo = info(LOCAL_NAME, prices, spec.models().localModel());
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("hybench_spec_version", spec.specVersion());
        meta.put("hybench_policy", kind(spec.routing().policy()));
        meta.put("hybench_score_columns", spec.routing().scoreColumns());
        meta.put("hybench_thresholds", thresholds(spec.routing().policy()));
        meta.put("hybench_rules", spec.routing().rules());
        meta.put("hybench_dataset_sha256", spec.provenance().dataset().datasetSha256());
        meta.put("hybench_calibrated_on", spec.provenance().date());
        localInfo.put("metadata", meta);
        Map<String, Object> cloudParams = new LinkedHashMap<>();
        cloudParams.put("model", targets.cloudModel());
        if (targets.cloudApiBase() != null) cloudParams.put("api_base", targets.cloudApiBase());
        cloudParams.put("api_key", "os.environ/" + targets.cloudKeyEnv());

        Map<String, Object> config = new LinkedHashMap<>();
        config.put("model_list", List.of(
                deployment(LOCAL_NAME, localParams, localInfo),
                deployment(CLOUD_NAME, cloudParams, info(CLOUD_NAME, prices, spec.models().cloudModel()))));
        Map<String, Object> router = new LinkedHashMap<>();
        router.put("routing_strategy", "simple-shuffle");
        router.put("fallbacks", List.of(Map.of(LOCAL_NAME, List.of(CLOUD_NAME))));
        config.put("router_settings", router);
        config.put("litellm_settings", Map.of("callbacks", HOOK));
        return "# LiteLLM proxy config written by hybench calibrate. LiteLLM falls back local -> cloud on errors only;\n"
                + "# the confidence policy runs in scripts/litellm/hybench_hook.py (copy it beside this file and set\n"
                + "# HYBENCH_ROUTER_SPEC to router-spec.json; see docs/calibration.md).\n"
                + (targets.equals(given) ? "" : "# hybrid-local reaches Ollama through its OpenAI-compatible /v1 endpoint: LiteLLM's ollama_chat\n"
                        + "# provider sends no logprobs, and the cascade scores the reply's mean token logprob.\n")
                + Yaml.WRITER.writeValueAsString(config);
    }

    public static void write(RouterSpec spec, LiteLlmTargets targets, PriceFile prices, Path file) throws IOException {
        Files.writeString(file, render(spec, targets, prices));
    }

    /** The hybench thresholds as written in the local deployment's metadata (round-trip checks). */
    public static Map<String, Double> readThresholds(Path file) throws IOException {
        JsonNode t = Yaml.WRITER.readTree(file.toFile()).path("model_list").path(0).path("model_info").path("metadata").path("hybench_thresholds");
        Map<String, Double> out = new LinkedHashMap<>();
        t.properties().forEach(e -> out.put(e.getKey(), e.getValue().asDouble()));
        return out;
    }

    static String kind(Policy p) {
        return switch (p) {
            case Policy.Cascade c -> "cascade";
            case Policy.PreRoute r -> "pre-route";
            case Policy.TwoStage t -> "two-stage";
        };
    }

    static Map<String, Double> thresholds(Policy p) {
        Map<String, Double> out = new LinkedHashMap<>();
        switch (p) {
            case Policy.Cascade c -> out.put("escalate_below", c.escalateBelow());
            case Policy.PreRoute r -> out.put("cloud_below", r.cloudBelow());
            case Policy.TwoStage t -> {
                out.put("cloud_below", t.cloudBelow());
                out.put("escalate_below", t.escalateBelow());
            }
        }
        return out;
    }

    private static Map<String, Object> deployment(String name, Map<String, Object> params, Map<String, Object> info) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("model_name", name);
        d.put("litellm_params", params);
        d.put("model_info", info);
        return d;
    }

    private static Map<String, Object> info(String id, PriceFile prices, String model) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("id", id);
        ModelPrice price = prices == null ? null : prices.price(model).orElse(null);
        if (price != null) {
            info.put("input_cost_per_token", price.inputUsdPerMillion() / 1e6);
            info.put("output_cost_per_token", price.outputUsdPerMillion() / 1e6);
            // LiteLLM's own keys for prompt-cache prices (model_prices_and_context_window.json)
            if (price.cacheReadUsdPerMillion() != null) info.put("cache_read_input_token_cost", price.cacheReadUsdPerMillion() / 1e6);
            if (price.cacheWriteUsdPerMillion() != null) info.put("cache_creation_input_token_cost", price.cacheWriteUsdPerMillion() / 1e6);
        }
        return info;
    }
}
