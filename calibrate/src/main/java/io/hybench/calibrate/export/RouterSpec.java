package io.hybench.calibrate.export;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.hybench.calibrate.CalibrationResult;
import io.hybench.calibrate.CalibrationResult.OperatingPoint;
import io.hybench.calibrate.CalibrationResult.Provenance;
import io.hybench.calibrate.data.ScoreSense;
import io.hybench.calibrate.fit.Bootstrap;
import io.hybench.calibrate.fit.Interval;
import io.hybench.calibrate.fit.Recalibration;
import io.hybench.calibrate.policy.CurvePoint;
import io.hybench.calibrate.policy.Policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The router spec: how to route (policy, columns, recalibration, rules), the seed-style bands, the
 * models, and the calibration's provenance and achieved figures with intervals. Groups are nested for
 * readers of the code; router-spec.json keeps their fields at the top level ({@link JsonUnwrapped}).
 * Version 2 added {@code recalibration}; a version-1 spec reads as one without it. A spec made by hand
 * (tests, benchmarks, {@link #of(Routing, Provenance.Models)}) has no bands, achieved figures or provenance.
 */
public record RouterSpec(int specVersion, @JsonUnwrapped Routing routing, Bands bands, @JsonUnwrapped Provenance.Models models,
                         Achieved achieved, Provenance provenance) {
    public static final int VERSION = 2;

    /**
     * How to route. {@code policy} thresholds are in the oriented sense (higher keeps local) and index
     * {@code scoreColumns}; {@code rules} restate them in each column's raw sense for people.
     * {@code recalibration} maps a column name to the monotone map applied to its oriented score before
     * the thresholds (which are then probabilities that the local answer is right); a column without an
     * entry is compared as it is.
     */
    public record Routing(Policy policy, List<String> scoreColumns, ScoreSense scoreSense,
                          Map<String, Recalibration> recalibration, List<String> rules) {
        public Routing {
            recalibration = recalibration == null ? Map.of() : Map.copyOf(recalibration);
        }

        /** A routing whose rules are written from the policy. */
        public static Routing of(Policy policy, List<String> scoreColumns, ScoreSense scoreSense, Map<String, Recalibration> recalibration) {
            Map<String, Recalibration> maps = recalibration == null ? Map.of() : recalibration;
            return new Routing(policy, scoreColumns, scoreSense, maps, RouterSpec.rules(policy, scoreColumns, scoreSense, maps.keySet()));
        }

        public Routing withPolicy(Policy p) {
            return of(p, scoreColumns, scoreSense, recalibration);
        }
    }

    /** This spec routing otherwise (what was achieved and the provenance stay those of this spec). */
    public RouterSpec withRouting(Routing other) {
        return new RouterSpec(specVersion, other, bands, models, achieved, provenance);
    }

    /** A spec of a routing alone, at today's version. */
    public static RouterSpec of(Routing routing, Provenance.Models models) {
        return new RouterSpec(VERSION, routing, null, models, null, null);
    }

    /** What the chosen point achieved on the calibration split (intervals from the bootstrap) and held out. */
    public record Achieved(String objective, double accuracyTarget, @JsonUnwrapped Fitted fitted, double probabilityTargetMet,
                           @JsonUnwrapped HeldOut heldOut) {
        public Achieved {
            if (heldOut == null) heldOut = HeldOut.of(null); // read back from a spec whose held-out fields are all null
        }
    }

    /** The chosen point's figures on the calibration split, each with its bootstrap interval. */
    public record Fitted(double accuracy, Interval accuracyInterval, double costPer1k, Interval costInterval,
                         double shareLocal, Interval shareLocalInterval) {
        static Fitted of(CurvePoint p, Bootstrap.Result b) {
            return new Fitted(p.accuracy(), b.accuracy(), p.costPer1k(), b.costPer1k(), p.shareLocal(), b.shareLocal());
        }
    }

    /** The chosen thresholds on the held-out rows; all null when there is no held-out split. */
    public record HeldOut(Double holdoutAccuracy, Double holdoutShareLocal, Double holdoutCostPer1k) {
        static HeldOut of(CurvePoint h) {
            return h == null ? new HeldOut(null, null, null) : new HeldOut(h.accuracy(), h.shareLocal(), h.costPer1k());
        }
    }

    /** The spec for one operating point of a calibration. */
    public static RouterSpec of(CalibrationResult r, OperatingPoint op) {
        if (op.chosen() == null) throw new IllegalArgumentException("operating point '" + op.objective() + "' has no threshold: " + op.note());
        var p = r.provenance();
        List<String> columns = new ArrayList<>();
        if (p.scoring().score() != null) columns.add(p.scoring().score());
        if (p.scoring().routerScore() != null) columns.add(p.scoring().routerScore());
        ScoreSense sense = ScoreSense.valueOf(p.scoring().scoreSense());
        Policy policy = reindex(op.chosen().policy(), p);
        Achieved achieved = new Achieved(op.objective(), op.accuracyTarget(), Fitted.of(op.chosen(), op.bootstrap()),
                op.bootstrap().probabilityTargetMet(), HeldOut.of(op.heldOut().holdout()));
        Map<String, Recalibration> maps = r.scores().recalibration() == null ? Map.of() : r.scores().recalibration().maps();
        return new RouterSpec(VERSION, Routing.of(policy, columns, sense, maps), Bands.of(r), p.models(), achieved, p);
    }

    /** Score indices in the spec refer to {@code scoreColumns} (score first, router score second). */
    private static Policy reindex(Policy policy, Provenance p) {
        int router = p.scoring().routerScore() == null ? 0 : 1;
        return switch (policy) {
            case Policy.Cascade c -> new Policy.Cascade(0, c.escalateBelow());
            case Policy.PreRoute pr -> new Policy.PreRoute(0, pr.cloudBelow());
            case Policy.TwoStage t -> new Policy.TwoStage(router, t.cloudBelow(), 0, t.escalateBelow());
        };
    }

    /** Each threshold in the raw score's own sense (a negated score flips "<" into ">"); recalibrated columns as probabilities. */
    static List<String> rules(Policy policy, List<String> columns, ScoreSense sense, Set<String> recalibrated) {
        return switch (policy) {
            case Policy.Cascade c -> List.of(rule("escalate to cloud", columns.get(c.confidenceScore()), c.escalateBelow(), sense, recalibrated));
            case Policy.PreRoute pr -> List.of(rule("send to cloud", columns.get(pr.routerScore()), pr.cloudBelow(), sense, recalibrated));
            case Policy.TwoStage t -> List.of(rule("send to cloud", columns.get(t.routerScore()), t.cloudBelow(), sense, recalibrated),
                    rule("else escalate to cloud", columns.get(t.confidenceScore()), t.escalateBelow(), sense, recalibrated));
        };
    }

    private static String rule(String action, String column, double oriented, ScoreSense sense, Set<String> recalibrated) {
        if (recalibrated.contains(column)) return String.format(Locale.ROOT, "%s if P(local right | %s) < %s", action, column, oriented);
        return sense == ScoreSense.HIGHER_MEANS_LOCAL
                ? String.format(Locale.ROOT, "%s if %s < %s", action, column, oriented)
                : String.format(Locale.ROOT, "%s if %s > %s", action, column, -oriented);
    }

    /** A threshold in the raw score's units (a recalibrated score's threshold is already a probability). */
    static double raw(double oriented, ScoreSense sense, boolean recalibrated) {
        return recalibrated || sense == ScoreSense.HIGHER_MEANS_LOCAL ? oriented : -oriented;
    }
}
