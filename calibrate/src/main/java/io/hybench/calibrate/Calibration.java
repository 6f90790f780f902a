package io.hybench.calibrate;

import io.hybench.calibrate.CalibrationResult.OperatingPoint;
import io.hybench.calibrate.CalibrationResult.RiskControlled;
import io.hybench.calibrate.cost.QueryCosts;
import io.hybench.calibrate.data.LabeledDataset;
import io.hybench.calibrate.fit.Bootstrap;
import io.hybench.calibrate.fit.Hull;
import io.hybench.calibrate.fit.Objective;
import io.hybench.calibrate.fit.QualityCurve;
import io.hybench.calibrate.fit.References;
import io.hybench.calibrate.fit.RiskControl;
import io.hybench.calibrate.fit.ScoreQuality;
import io.hybench.calibrate.fit.Split;
import io.hybench.calibrate.policy.CurvePoint;
import io.hybench.calibrate.policy.Outcomes;
import io.hybench.calibrate.policy.Pareto;
import io.hybench.calibrate.policy.Policy;
import io.hybench.calibrate.policy.PolicyKind;
import io.hybench.calibrate.policy.ThresholdSweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Runs one calibration: split, sweep, frontier, references, operating points with intervals. */
public final class Calibration {
    private static final int RELIABILITY_BINS = 10;

    private Calibration() {
    }

    public static CalibrationResult run(CalibrationRequest req) {
        LabeledDataset data = req.data();
        QueryCosts costs = QueryCosts.of(data, req.prices());
        Outcomes all = Outcomes.of(data, costs);
        Split split = Split.random(all.size(), req.holdoutFraction(), req.seed());
        Outcomes cal = req.holdoutFraction() == 0 ? all : all.subset(split.calibration());
        Outcomes held = req.holdoutFraction() == 0 ? null : all.subset(split.holdout());
        References refs = References.of(all), calRefs = References.of(cal);

        boolean scored = req.score() != null;
        List<CurvePoint> curve = scored ? sweep(req, data, cal) : List.of();
        List<CurvePoint> frontier = Pareto.frontier(curve);
        List<CurvePoint> hull = Hull.upper(frontier);

        QualityCurve oracle = QualityCurve.oracle(cal);
        QualityCurve envelope = scored ? QualityCurve.envelope(curve) : null;
        var routeLlm = new CalibrationResult.RouteLlmMetrics(
                scored ? envelope.apgr(calRefs) : Double.NaN, cpt(envelope, calRefs, 0.2), cpt(envelope, calRefs, 0.5),
                cpt(envelope, calRefs, 0.8), oracle.apgr(calRefs), oracle.cpt(calRefs, 0.2), oracle.cpt(calRefs, 0.5),
                oracle.cpt(calRefs, 0.8));
        ScoreQuality sq = scored ? ScoreQuality.of(cal.scores()[data.scoreIndex(req.score())], cal.localQuality(), RELIABILITY_BINS) : null;

        List<OperatingPoint> points = new ArrayList<>();
        if (scored) {
            boolean binary = cal.binaryQuality();
            for (Objective objective : req.objectives()) points.add(operatingPoint(req, objective, curve, hull, cal, held, calRefs, binary));
        }
        String scoreSense = data.mapping().scoreSense().name();
        var prov = new CalibrationResult.Provenance(data.files(), data.sha256(), data.size(), data.excludedRows(),
                data.unmatchedExclusions(), req.date().toString(), req.policy().name(), req.score(), req.routerScore(), scoreSense,
                data.mapping().local().model(), data.mapping().cloud().model(), costs.unit(), costs.note(),
                req.prices() == null ? null : req.prices().asOf().toString(), cal.size(), held == null ? 0 : held.size(),
                req.holdoutFraction(), req.seed(), req.resamples(), req.confidenceLevel(), req.delta(), all.latencyKnown());
        return new CalibrationResult(prov, refs, calRefs, routeLlm, sq, curve, frontier, hull, points);
    }

    private static List<CurvePoint> sweep(CalibrationRequest req, LabeledDataset data, Outcomes cal) {
        int score = data.scoreIndex(req.score());
        return switch (req.policy()) {
            case CASCADE -> ThresholdSweep.cascade(cal, score);
            case PRE_ROUTE -> ThresholdSweep.preRoute(cal, score);
            case TWO_STAGE -> {
                if (req.routerScore() == null) throw new IllegalArgumentException("two-stage needs a router score column besides the confidence score");
                yield ThresholdSweep.twoStage(cal, data.scoreIndex(req.routerScore()), score, req.twoStageGrid());
            }
        };
    }

    private static double cpt(QualityCurve envelope, References refs, double p) {
        return envelope == null ? Double.NaN : envelope.cpt(refs, p);
    }

    private static OperatingPoint operatingPoint(CalibrationRequest req, Objective objective, List<CurvePoint> curve,
                                                 List<CurvePoint> hull, Outcomes cal, Outcomes held, References calRefs,
                                                 boolean binary) {
        double target = objective.accuracyTarget(calRefs);
        Optional<CurvePoint> chosen = objective.choose(curve, calRefs);
        if (chosen.isEmpty()) {
            return new OperatingPoint(objective.label(), target, null, null, null, null, null, null,
                    "no threshold meets the objective on the calibration split");
        }
        CurvePoint p = chosen.get();
        Bootstrap.Result boot = bootstrap(req, cal, p.policy(), target);
        CurvePoint heldPoint = held == null ? null : held.evaluate(p.policy());
        Bootstrap.Result heldBoot = held == null ? null : bootstrap(req, held, p.policy(), target);
        Hull.Mixture mixture = Double.isNaN(target) ? null : Hull.cheapestReaching(hull, target).orElse(null);
        RiskControlled rc = null;
        String note = null;
        if (!Double.isNaN(target)) {
            Optional<RiskControl.Choice> c = RiskControl.choose(curve, cal.size(), binary, target, req.delta());
            if (c.isPresent()) {
                Policy pol = c.get().point().policy();
                rc = new RiskControlled(c.get().point(), c.get().pValue(), req.delta(), held == null ? null : held.evaluate(pol));
            } else {
                note = String.format(Locale.ROOT, "no threshold certifies accuracy >= %.4f at delta %.3g on %d calibration rows",
                        target, req.delta(), cal.size());
            }
        }
        return new OperatingPoint(objective.label(), target, p, boot, heldPoint, heldBoot, mixture, rc, note);
    }

    private static Bootstrap.Result bootstrap(CalibrationRequest req, Outcomes o, Policy policy, double target) {
        return Bootstrap.of(o.route(policy), req.resamples(), req.seed(), req.confidenceLevel(), target);
    }
}
