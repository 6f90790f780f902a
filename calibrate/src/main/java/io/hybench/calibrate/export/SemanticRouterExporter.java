package io.hybench.calibrate.export;

import io.hybench.calibrate.collect.signals.Signal;
import io.hybench.calibrate.data.ScoreSense;
import io.hybench.calibrate.policy.Policy;
import io.hybench.core.mapper.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A vLLM Semantic Router decision that escalates local -> cloud by confidence, where the fitted policy
 * has an equivalent there. Its schema and arithmetic, from vllm-project/semantic-router:
 * src/semantic-router/pkg/config (Decision: name, rules {operator, conditions}, modelRefs [{model}],
 * algorithm {type: confidence, confidence: ConfidenceAlgorithmConfig {confidence_method, threshold,
 * escalation_order, on_error}}), and src/semantic-router/pkg/looper/confidence.go
 * (ConfidenceEvaluator.Evaluate, commits 446e4338 and 01c193f5): the avg_logprob confidence is
 * {@code clamp((mean token logprob + 3) / 3, 0, 1)} and an answer is kept when it is {@code >= threshold};
 * a threshold of 0 counts as unset (NewConfidenceEvaluator falls back to its default).
 *
 * <p>So a cascade on collect's {@code mean_logprob} (column {@code <side>_mean_logprob}) with raw threshold t ("escalate if mean_logprob < t", equal
 * keeps) is {@code threshold: (t + 3) / 3} exactly when t > -3 (to within one rounding of the
 * normalisation). Everything else has no equivalent there and is said so in the file: a pre-router
 * score (the router's decisions come from its own classifiers), a recalibrated confidence, another
 * signal (p_choice, verbalised confidence, self-consistency), or t <= -3 (clamped away).
 */
public final class SemanticRouterExporter {
    /** collect's mean token logprob column, bare ({@code <side>_mean_logprob} as collect writes it counts too). */
    public static final String MEAN_LOGPROB = Signal.MEAN_LOGPROB.column();
    /** The normalisation's floor: mean logprobs at or below it all read as confidence 0. */
    static final double FLOOR = -3.0;

    private SemanticRouterExporter() {
    }

    /** Why the spec has no vLLM Semantic Router equivalent, or empty when it has one. */
    public static Optional<String> noEquivalent(RouterSpec spec) {
        if (!(spec.routing().policy() instanceof Policy.Cascade c)) {
            return Optional.of("the " + LiteLlmConfigExporter.kind(spec.routing().policy()) + " policy needs a pre-generation router score,"
                    + " which vLLM Semantic Router does not take (its decisions come from its own classifiers)");
        }
        String column = spec.routing().scoreColumns().get(c.confidenceScore());
        if (!Signal.MEAN_LOGPROB.names(column)) {
            return Optional.of("the confidence signal '" + column + "' is not the mean token logprob; vLLM Semantic Router's"
                    + " confidence methods are avg_logprob, margin, hybrid and self-verification");
        }
        if (spec.routing().recalibration().containsKey(column)) {
            return Optional.of("the threshold is on a recalibrated probability, which vLLM Semantic Router cannot apply");
        }
        if (spec.routing().scoreSense() != ScoreSense.HIGHER_MEANS_LOCAL) {
            return Optional.of("the spec orients mean_logprob as higher-means-cloud; avg_logprob confidence keeps higher values");
        }
        if (!(c.escalateBelow() > FLOOR)) {
            return Optional.of(String.format(Locale.ROOT, "the threshold %s is at or below -3, where vLLM Semantic Router clamps"
                    + " every mean logprob to confidence 0", c.escalateBelow()));
        }
        return Optional.empty();
    }

    /** The avg_logprob threshold equivalent to escalating below {@code rawThreshold} mean token logprob. */
    public static double threshold(double rawThreshold) {
        return (rawThreshold - FLOOR) / -FLOOR;
    }

    public static String render(RouterSpec spec) throws IOException {
        String head = "# vLLM Semantic Router confidence escalation written by hybench calibrate (see docs/calibration.md).\n";
        Optional<String> none = noEquivalent(spec);
        if (none.isPresent()) {
            return head + "# NO EQUIVALENT: " + none.get() + ".\n"
                    + "# Route with hybench route or the LiteLLM hook (scripts/litellm/hybench_hook.py) instead.\n"
                    + "decisions: []\n";
        }
        Policy.Cascade c = (Policy.Cascade) spec.routing().policy();
        Map<String, Object> confidence = new LinkedHashMap<>();
        confidence.put("confidence_method", "avg_logprob");
        confidence.put("threshold", threshold(c.escalateBelow()));
        confidence.put("escalation_order", "declared"); // older routers sort by param_size, stable: unknown sizes keep this order
        confidence.put("on_error", "skip"); // a failed local call moves on to the cloud
        Map<String, Object> algorithm = new LinkedHashMap<>();
        algorithm.put("type", "confidence");
        algorithm.put("confidence", confidence);
        Map<String, Object> decision = new LinkedHashMap<>();
        decision.put("name", "hybench-cascade");
        decision.put("description", "hybench calibrate " + spec.provenance().date() + ", rule above");
        Map<String, Object> rules = new LinkedHashMap<>();
        rules.put("operator", "OR");
        rules.put("conditions", List.of());
        decision.put("rules", rules);
        decision.put("modelRefs", List.of(Map.of("model", spec.models().localModel()), Map.of("model", spec.models().cloudModel())));
        decision.put("algorithm", algorithm);
        return head + String.format(Locale.ROOT, """
                # avg_logprob confidence = clamp((mean token logprob + 3) / 3, 0, 1), kept when >= threshold
                # (semantic-router pkg/looper/confidence.go), so the fitted rule "escalate if mean_logprob < %s"
                # is threshold (%s + 3) / 3. The router averages every token of the reply; collect's mean_logprob
                # covers the graded answer's tokens: the same signal when the prompt asks for the bare answer.
                # Merge this decision into your config's decisions and give it rules (conditions) that select it.
                # Rule: %s
                """, c.escalateBelow(), c.escalateBelow(), spec.routing().rules().get(0)) + Yaml.WRITER.writeValueAsString(Map.of("decisions", List.of(decision)));
    }

    public static void write(RouterSpec spec, Path file) throws IOException {
        Files.writeString(file, render(spec));
    }
}
