package io.hybench.bench.load;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hybench.bench.client.Target;
import io.hybench.bench.metrics.CollapseCriteria;
import io.hybench.bench.metrics.Slo;
import io.hybench.bench.metrics.StepSummaries;
import io.hybench.bench.metrics.TrustLimits;
import io.hybench.core.stats.ConfidenceSpec;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A complete, resolved description of a benchmark run: what to send, to whom, how hard and for how
 * long. Written next to the results ({@code workload.resolved.yaml}) so the run can be repeated exactly;
 * one {@code seed} drives every random choice.
 */
public record Workload(
        String name,
        long seed,
        List<Target> targets,
        RequestOptions request,
        PromptSpec prompts,
        LoadSpec load,
        RunLimits run,
        Slo slo,
        CollapseCriteria analysis,
        TrustLimits trust,
        ConfidenceSpec confidence) {

    /** Names become file and folder names, so they are kept to a portable alphabet. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public Workload {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) throw new IllegalArgumentException("name must match " + NAME + ", was '" + name + "'");
        targets = List.copyOf(targets);
        if (targets.isEmpty()) throw new IllegalArgumentException("at least one target is needed");
        Set<String> seen = new HashSet<>();
        for (Target t : targets) {
            if (!NAME.matcher(t.name()).matches()) throw new IllegalArgumentException("target name must match " + NAME + ", was '" + t.name() + "'");
            if (!seen.add(t.name())) throw new IllegalArgumentException("duplicate target name '" + t.name() + "'");
        }
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(prompts, "prompts");
        Objects.requireNonNull(load, "load");
        if ((load instanceof LoadSpec.Trace) != (prompts instanceof PromptSpec.Trace)) {
            throw new IllegalArgumentException("a trace replay needs both load mode trace and prompts from the trace");
        }
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(slo, "slo");
        Objects.requireNonNull(analysis, "analysis");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(confidence, "confidence");
    }

    /**
     * A workload as its file states it (format in docs/results.md): a missing seed is drawn (and written
     * to the resolved workload), missing sections take their records' defaults.
     */
    @JsonCreator
    static Workload fromFile(@JsonProperty(value = "name", required = true) String name,
                             @JsonProperty("seed") Long seed,
                             @JsonProperty(value = "targets", required = true) List<Target> targets,
                             @JsonProperty("request") RequestOptions request,
                             @JsonProperty(value = "prompts", required = true) PromptSpec prompts,
                             @JsonProperty(value = "load", required = true) LoadSpec load,
                             @JsonProperty(value = "run", required = true) RunLimits run,
                             @JsonProperty("slo") Slo slo,
                             @JsonProperty("analysis") CollapseCriteria analysis,
                             @JsonProperty("trust") TrustLimits trust,
                             @JsonProperty("confidence") ConfidenceSpec confidence) {
        return new Workload(name, seed != null ? seed : new SecureRandom().nextLong(), targets,
                request != null ? request : RequestOptions.defaults(), prompts, load, run,
                slo != null ? slo : Slo.none(), analysis != null ? analysis : CollapseCriteria.defaults(),
                trust != null ? trust : TrustLimits.defaults(), confidence != null ? confidence : ConfidenceSpec.defaults());
    }

    /** How the figures of step {@code stepIndex} are judged, with the seed of its bootstrap resampling. */
    public StepSummaries.Settings stepSettings(int stepIndex) {
        return new StepSummaries.Settings(slo, trust, confidence, Seeds.derive(seed, stepIndex, 0xB007));
    }

    public Workload withTargets(List<Target> t) {
        return new Workload(name, seed, t, request, prompts, load, run, slo, analysis, trust, confidence);
    }

    public Workload withLoad(LoadSpec l) {
        return new Workload(name, seed, targets, request, prompts, l, run, slo, analysis, trust, confidence);
    }

    public Workload withRun(RunLimits r) {
        return new Workload(name, seed, targets, request, prompts, load, r, slo, analysis, trust, confidence);
    }

    public Workload withSeed(long s) {
        return new Workload(name, s, targets, request, prompts, load, run, slo, analysis, trust, confidence);
    }
}
