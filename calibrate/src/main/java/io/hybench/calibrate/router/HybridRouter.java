package io.hybench.calibrate.router;

import io.hybench.calibrate.data.ScoreSense;
import io.hybench.calibrate.export.Bands;
import io.hybench.calibrate.export.CalibrationWriter;
import io.hybench.calibrate.export.RouterSpec;
import io.hybench.calibrate.fit.Recalibration;
import io.hybench.calibrate.policy.Policy;
import io.hybench.calibrate.policy.Route;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Decides per query what an exported router spec says, with the exact arithmetic the calibration
 * fitted it with: a raw score is oriented by the spec's score sense, mapped by the column's
 * recalibration when there is one, and compared with the threshold by the policies' strict rule
 * (below the threshold leaves the local path; equal stays). Immutable and allocation-free per
 * decision, so one instance serves every thread.
 *
 * <p>Use: a pre-route or two-stage spec asks {@link #beforeGeneration} with the router score (CLOUD:
 * skip the local model); a cascade or two-stage spec asks {@link #afterLocalAnswer} with the local
 * answer's confidence (ESCALATED: ask the cloud too, and use its answer). {@link #route} takes every
 * score at once in the spec's {@code scoreColumns} order.
 */
public final class HybridRouter {
    private final RouterSpec spec;
    private final ScoreSense sense;
    private final int routerColumn, confidenceColumn; // -1: the policy has no such stage
    private final double cloudBelow, escalateBelow;
    private final Recalibration routerMap, confidenceMap; // null: identity

    private HybridRouter(RouterSpec spec) {
        if (spec.specVersion() < 1 || spec.specVersion() > RouterSpec.VERSION) {
            throw new IllegalArgumentException("router spec version " + spec.specVersion() + " not supported (1.." + RouterSpec.VERSION + ")");
        }
        this.spec = spec;
        this.sense = spec.routing().scoreSense();
        List<String> columns = spec.routing().scoreColumns();
        switch (spec.routing().policy()) {
            case Policy.Cascade c -> {
                routerColumn = -1;
                cloudBelow = Double.NaN;
                confidenceColumn = c.confidenceScore();
                escalateBelow = c.escalateBelow();
            }
            case Policy.PreRoute p -> {
                routerColumn = p.routerScore();
                cloudBelow = p.cloudBelow();
                confidenceColumn = -1;
                escalateBelow = Double.NaN;
            }
            case Policy.TwoStage t -> {
                routerColumn = t.routerScore();
                cloudBelow = t.cloudBelow();
                confidenceColumn = t.confidenceScore();
                escalateBelow = t.escalateBelow();
            }
        }
        for (int c : new int[]{routerColumn, confidenceColumn}) {
            if (c >= columns.size()) throw new IllegalArgumentException("policy reads score " + c + " but the spec names " + columns);
        }
        routerMap = routerColumn < 0 ? null : spec.routing().recalibration().get(columns.get(routerColumn));
        confidenceMap = confidenceColumn < 0 ? null : spec.routing().recalibration().get(columns.get(confidenceColumn));
    }

    public static HybridRouter of(RouterSpec spec) {
        return new HybridRouter(spec);
    }

    /** Loads {@code router-spec.json} as {@code hybench calibrate} writes it. */
    public static HybridRouter load(Path routerSpecJson) throws IOException {
        return new HybridRouter(CalibrationWriter.readSpec(routerSpecJson));
    }

    public RouterSpec spec() {
        return spec;
    }

    public boolean hasPreRouter() {
        return routerColumn >= 0;
    }

    public boolean hasCascade() {
        return confidenceColumn >= 0;
    }

    /** Before any generation: CLOUD sends the query straight to the cloud; LOCAL runs the local model. NaN is no score: an error. */
    public Route beforeGeneration(double routerScore) {
        if (routerColumn < 0) throw new IllegalStateException("a cascade spec has no pre-router: every query runs locally first");
        if (Double.isNaN(routerScore)) throw new IllegalArgumentException("no router score for the query (NaN)");
        return score(routerScore, routerMap) < cloudBelow ? Route.CLOUD : Route.LOCAL;
    }

    /**
     * After the local answer (of a query the pre-router kept): ESCALATED asks the cloud; LOCAL keeps the
     * answer. NaN (an answer without logprobs) is an error, never a silent keep: every comparison with
     * NaN is false, which would keep it.
     */
    public Route afterLocalAnswer(double confidence) {
        if (confidenceColumn < 0) throw new IllegalStateException("a pre-route spec has no cascade: a locally routed answer is kept");
        if (Double.isNaN(confidence)) throw new IllegalArgumentException("no confidence for the local answer (NaN)");
        return score(confidence, confidenceMap) < escalateBelow ? Route.ESCALATED : Route.LOCAL;
    }

    /** The whole decision from the raw scores, in {@code scoreColumns} order (as the calibration's policy routes a row). */
    public Route route(double... rawScores) {
        if (routerColumn >= 0 && beforeGeneration(rawScores[routerColumn]) == Route.CLOUD) return Route.CLOUD;
        return confidenceColumn >= 0 ? afterLocalAnswer(rawScores[confidenceColumn]) : Route.LOCAL;
    }

    /** The seed-style band threshold (raw score units, or a probability when recalibrated); empty when no threshold reaches it. */
    public OptionalDouble bandThreshold(Band band) {
        Bands b = spec.bands();
        Double v = b == null ? null : switch (band) {
            case HIGH -> b.high();
            case MEDIUM -> b.medium();
            case LOW -> b.low();
        };
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /** The seed's three bands: thresholds recovering 95%, 80% and 50% of the local-to-cloud gap. */
    public enum Band { HIGH, MEDIUM, LOW }

    private double score(double raw, Recalibration map) {
        double oriented = sense.orient(raw);
        return map == null ? oriented : map.apply(oriented);
    }
}
