package io.hybench.bench.load;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.hybench.bench.client.Target;
import io.hybench.bench.metrics.ChosenPercentiles;
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
 * A complete, resolved description of a benchmark run: who is measured ({@code targets}), what is sent
 * to them ({@link Traffic}), how the load is shaped ({@link Shape}) and what the figures are checked
 * against ({@link Checks}). Written next to the results ({@code workload.resolved.yaml}) so the run can
 * be repeated exactly; one {@code seed} drives every random choice. The file keeps its flat keys
 * ({@code request}, {@code prompts}, {@code load}, {@code run}, {@code slo}, ...): the groups are
 * unwrapped when written and gathered by {@link #fromFile} when read.
 */
public record Workload(
        String name,
        long seed,
        List<Target> targets,
        @JsonUnwrapped Traffic traffic,
        @JsonUnwrapped Shape shape,
        @JsonUnwrapped Checks checks) {

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
        Objects.requireNonNull(traffic, "traffic");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(checks, "checks");
        if ((shape.load() instanceof LoadSpec.Trace) != (traffic.prompts() instanceof PromptSpec.Trace)) {
            throw new IllegalArgumentException("a trace replay needs both load mode trace and prompts from the trace");
        }
    }

    /** What is sent: the options of every request and the prompts they carry. */
    public record Traffic(RequestOptions request, PromptSpec prompts) {
        /** A missing {@code request} section takes {@link RequestOptions#defaults()}. */
        public Traffic {
            request = request != null ? request : RequestOptions.defaults();
            Objects.requireNonNull(prompts, "prompts");
        }
    }

    /** How the load is shaped: the levels and their arrivals, and how long each step runs. */
    public record Shape(LoadSpec load, RunLimits run) {
        public Shape {
            Objects.requireNonNull(load, "load");
            Objects.requireNonNull(run, "run");
        }
    }

    /**
     * What the figures are checked against: the SLO, collapse criteria, trust limits and confidence intervals; and the
     * latency percentiles the user chose to see (exports and reports, docs/results.md).
     */
    public record Checks(Slo slo, CollapseCriteria analysis, TrustLimits trust, ConfidenceSpec confidence,
                         @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = ChosenPercentiles.IsDefault.class)
                         ChosenPercentiles percentiles) {
        /** A missing section takes its record's defaults, as in a workload file. */
        public Checks {
            slo = slo != null ? slo : Slo.none();
            analysis = analysis != null ? analysis : CollapseCriteria.defaults();
            trust = trust != null ? trust : TrustLimits.defaults();
            confidence = confidence != null ? confidence : ConfidenceSpec.defaults();
            percentiles = percentiles != null ? percentiles : ChosenPercentiles.DEFAULT;
        }

        /** The default percentiles. */
        public Checks(Slo slo, CollapseCriteria analysis, TrustLimits trust, ConfidenceSpec confidence) {
            this(slo, analysis, trust, confidence, null);
        }

        public Checks withPercentiles(ChosenPercentiles p) {
            return new Checks(slo, analysis, trust, confidence, p);
        }

        /** {@code slo} and {@code confidence} with the default collapse criteria and trust limits. */
        public static Checks of(Slo slo, ConfidenceSpec confidence) {
            return new Checks(slo, CollapseCriteria.defaults(), TrustLimits.defaults(), confidence);
        }
    }

    /**
     * A workload as its file states it (format in docs/results.md): a missing seed is drawn (and written
     * to the resolved workload), missing sections take their groups' defaults.
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
                             @JsonProperty("confidence") ConfidenceSpec confidence,
                             @JsonProperty("percentiles") ChosenPercentiles percentiles) {
        return new Workload(name, seed != null ? seed : new SecureRandom().nextLong(), targets,
                new Traffic(request, prompts), new Shape(load, run), new Checks(slo, analysis, trust, confidence, percentiles));
    }

    /** How the figures of step {@code stepIndex} are judged, with the seed of its bootstrap resampling. */
    public StepSummaries.Settings stepSettings(int stepIndex) {
        return new StepSummaries.Settings(checks.slo(), checks.trust(), checks.confidence(), Seeds.derive(seed, stepIndex, 0xB007),
                checks.percentiles());
    }

    public Workload withTargets(List<Target> t) {
        return new Workload(name, seed, t, traffic, shape, checks);
    }

    public Workload withTraffic(Traffic t) {
        return new Workload(name, seed, targets, t, shape, checks);
    }

    public Workload withShape(Shape s) {
        return new Workload(name, seed, targets, traffic, s, checks);
    }

    public Workload withChecks(Checks c) {
        return new Workload(name, seed, targets, traffic, shape, c);
    }

    public Workload withSeed(long s) {
        return new Workload(name, s, targets, traffic, shape, checks);
    }
}
