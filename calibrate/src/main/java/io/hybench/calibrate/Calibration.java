package io.hybench.calibrate;

import io.hybench.calibrate.CalibrationResult.OperatingPoint;
import io.hybench.calibrate.CalibrationResult.Provenance;
import io.hybench.calibrate.CalibrationResult.Realised;
import io.hybench.calibrate.CalibrationResult.RouteLlmMetrics.Figures;
import io.hybench.calibrate.CalibrationResult.RiskControlled;
import io.hybench.calibrate.cost.QueryCosts;
import io.hybench.calibrate.data.LabeledDataset;
import io.hybench.calibrate.fit.Bootstrap;
import io.hybench.calibrate.fit.Hull;
import io.hybench.calibrate.fit.Objective;
import io.hybench.calibrate.fit.QualityCurve;
import io.hybench.calibrate.fit.Recalibration;
import io.hybench.calibrate.fit.References;
import io.hybench.calibrate.fit.RiskControl;
import io.hybench.calibrate.fit.RouteLlmEvaluation;
import io.hybench.calibrate.fit.ScoreQuality;
import io.hybench.calibrate.fit.Split;
import io.hybench.calibrate.policy.CurvePoint;
import io.hybench.calibrate.policy.Outcomes;
import io.hybench.calibrate.policy.Pareto;
import io.hybench.calibrate.policy.Policy;
import io.hybench.calibrate.policy.PolicyKind;
import io.hybench.calibrate.policy.ThresholdSweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one calibration: split, optional recalibration, sweep, frontier, references, operating points
 * with intervals, their held-out realisation and an optional k-fold cross-validation.
 */
public final class Calibration {
    private static final int RELIABILITY_BINS = 10;

    private Calibration() {
    }

    public static CalibrationResult run(CalibrationRequest req) {
        LabeledDataset data = req.data();
        QueryCosts costs = QueryCosts.of(data, req.prices());
        Outcomes raw = Outcomes.of(data, costs);
        boolean scored = req.sweep().score() != null;
        int[] columns = scored ? policyColumns(req, data) : new int[0];
        Split split = Split.random(raw.size(), req.validation().holdoutFraction(), req.statistics().seed());
        int[] calRows = req.validation().holdoutFraction() == 0 ? allRows(raw.size()) : split.calibration();
        Map<String, Recalibration> maps = recalibrations(req, data, raw, columns, calRows);
        Outcomes all = recalibrated(raw, data, maps);
        Outcomes cal = req.validation().holdoutFraction() == 0 ? all : all.subset(calRows);
        Outcomes held = req.validation().holdoutFraction() == 0 ? null : all.subset(split.holdout());
        References refs = References.of(all), calRefs = References.of(cal);

        List<CurvePoint> curve = scored ? sweep(req, data, cal) : List.of();
        List<CurvePoint> frontier = Pareto.frontier(curve);
        List<CurvePoint> hull = Hull.upper(frontier);

        int scoreColumn = scored ? data.scoreIndex(req.sweep().score()) : -1;
        var routeLlm = routeLlm(req, cal, calRefs, curve, scoreColumn);
        ScoreQuality sq = scored ? ScoreQuality.of(pick(raw.scores()[scoreColumn], calRows), cal.localQuality(), RELIABILITY_BINS) : null;
        CalibrationResult.RecalibrationFit recal = null;
        if (!maps.isEmpty()) {
            Outcomes judged = held != null ? held : cal;
            recal = new CalibrationResult.RecalibrationFit(req.sweep().recalibration(), maps,
                    ScoreQuality.of(judged.scores()[scoreColumn], judged.localQuality(), RELIABILITY_BINS), held != null ? "holdout" : "calibration");
        }

        List<OperatingPoint> points = new ArrayList<>();
        if (scored) {
            boolean binary = cal.binaryQuality();
            List<List<Realised>> crossValidated = crossValidate(req, data, raw, columns);
            for (int k = 0; k < req.objectives().size(); k++) {
                points.add(operatingPoint(req, req.objectives().get(k), curve, hull, cal, held, calRefs, binary, crossValidated.get(k)));
            }
        }
        String scoreSense = data.mapping().scoreSense().name();
        var prov = new CalibrationResult.Provenance(
                new Provenance.Dataset(data.files(), data.sha256(), data.size(), data.excludedRows(), data.unmatchedExclusions()),
                req.date().toString(),
                new Provenance.Scoring(req.sweep().policy().name(), req.sweep().score(), req.sweep().routerScore(), scoreSense),
                new Provenance.Models(data.mapping().local().model(), data.mapping().cloud().model()),
                new Provenance.Costing(costs.unit(), costs.note(), req.prices() == null ? null : req.prices().asOf().toString()),
                new Provenance.Split(cal.size(), held == null ? 0 : held.size(), req.validation().holdoutFraction(), req.validation().folds()),
                req.statistics(), all.latencyKnown(), emulated(data));
        return CalibrationResult.of(prov, new CalibrationResult.Baselines(refs, calRefs, routeLlm), new CalibrationResult.Scores(sq, recal),
                new CalibrationResult.Curves(curve, frontier, hull), points);
    }

    /** The emulated collect targets over every data file; null unless each file's collect provenance records them. */
    private static Map<String, String> emulated(LabeledDataset data) {
        Map<String, String> all = new java.util.TreeMap<>();
        for (String f : data.files()) {
            Optional<Map<String, String>> e = io.hybench.calibrate.collect.run.Provenance.emulated(Path.of(f));
            if (e.isEmpty()) return null;
            all.putAll(e.get());
        }
        return all;
    }

    /** The score columns the policy thresholds: the score, and for two-stage the router score. */
    private static int[] policyColumns(CalibrationRequest req, LabeledDataset data) {
        int score = data.scoreIndex(req.sweep().score());
        if (req.sweep().policy() != PolicyKind.TWO_STAGE) return new int[]{score};
        if (req.sweep().routerScore() == null) throw new IllegalArgumentException("two-stage needs a router score column besides the confidence score");
        int router = data.scoreIndex(req.sweep().routerScore());
        return router == score ? new int[]{score} : new int[]{score, router};
    }

    /** One map per policy column, fitted on {@code rows} (oriented scores against local quality); empty for NONE. */
    private static Map<String, Recalibration> recalibrations(CalibrationRequest req, LabeledDataset data, Outcomes raw,
                                                             int[] columns, int[] rows) {
        Map<String, Recalibration> maps = new LinkedHashMap<>();
        if (req.sweep().recalibration() == Recalibration.Method.NONE) return maps;
        double[] quality = pick(raw.localQuality(), rows);
        for (int c : columns) maps.put(data.scoreNames().get(c), Recalibration.fit(req.sweep().recalibration(), pick(raw.scores()[c], rows), quality));
        return maps;
    }

    /** Every row with the mapped columns replaced by their recalibrated values. */
    private static Outcomes recalibrated(Outcomes raw, LabeledDataset data, Map<String, Recalibration> maps) {
        if (maps.isEmpty()) return raw;
        double[][] scores = raw.scores().clone();
        maps.forEach((name, map) -> {
            double[] in = raw.scores()[data.scoreIndex(name)], out = new double[in.length];
            for (int i = 0; i < in.length; i++) out[i] = map.apply(in[i]);
            scores[data.scoreIndex(name)] = out;
        });
        return raw.withScores(scores);
    }

    private static List<CurvePoint> sweep(CalibrationRequest req, LabeledDataset data, Outcomes cal) {
        int score = data.scoreIndex(req.sweep().score());
        return switch (req.sweep().policy()) {
            case CASCADE -> ThresholdSweep.cascade(cal, score);
            case PRE_ROUTE -> ThresholdSweep.preRoute(cal, score);
            case TWO_STAGE -> ThresholdSweep.twoStage(cal, data.scoreIndex(req.sweep().routerScore()), score, req.sweep().twoStageGrid());
        };
    }

    /**
     * RouteLLM's APGR/CPT of the router (its single score, oriented higher-keeps-local, negated into RouteLLM's
     * higher-goes-to-cloud) and of the oracle, and the running-maximum variant over the whole curve.
     */
    private static CalibrationResult.RouteLlmMetrics routeLlm(CalibrationRequest req, Outcomes cal, References refs,
                                                              List<CurvePoint> curve, int scoreColumn) {
        double weak = refs.localOnly().accuracy(), strong = refs.cloudOnly().accuracy();
        Figures oracle = Figures.of(RouteLlmEvaluation.atShares(QualityCurve.oracle(cal)::accuracyAt, weak, strong));
        if (scoreColumn < 0) return new CalibrationResult.RouteLlmMetrics(Figures.NONE, oracle, Figures.NONE);
        Figures router = Figures.NONE;
        if (req.sweep().policy() != PolicyKind.TWO_STAGE) {
            double[] toCloud = java.util.Arrays.stream(cal.scores()[scoreColumn]).map(s -> -s).toArray();
            router = Figures.of(RouteLlmEvaluation.of(toCloud, cal.localQuality(), cal.cloudQuality(), weak, strong));
        }
        return new CalibrationResult.RouteLlmMetrics(router, oracle, Figures.of(QualityCurve.envelope(curve), refs));
    }

    private static OperatingPoint operatingPoint(CalibrationRequest req, Objective objective, List<CurvePoint> curve,
                                                 List<CurvePoint> hull, Outcomes cal, Outcomes held, References calRefs,
                                                 boolean binary, List<Realised> crossValidated) {
        double target = objective.accuracyTarget(calRefs);
        Optional<CurvePoint> chosen = objective.choose(curve, calRefs);
        if (chosen.isEmpty()) {
            return OperatingPoint.none(objective.label(), target, crossValidated, "no threshold meets the objective on the calibration split");
        }
        CurvePoint p = chosen.get();
        Bootstrap.Result boot = bootstrap(req, cal, p.policy(), target);
        CurvePoint heldPoint = held == null ? null : held.evaluate(p.policy());
        Bootstrap.Result heldBoot = held == null ? null : bootstrap(req, held, p.policy(), target);
        Hull.Mixture mixture = Double.isNaN(target) ? null : Hull.cheapestReaching(hull, target).orElse(null);
        List<Realised> realised = new ArrayList<>();
        if (held != null) realised.add(realised("holdout", "naive", heldPoint, held.size(), objective, calRefs, target));
        RiskControlled rc = null;
        String note = null;
        if (!Double.isNaN(target)) {
            Optional<RiskControl.Choice> c = RiskControl.choose(curve, cal.size(), binary, target, req.statistics().delta());
            if (c.isPresent()) {
                CurvePoint rcHeld = held == null ? null : held.evaluate(c.get().point().policy());
                rc = new RiskControlled(c.get().point(), c.get().pValue(), req.statistics().delta(), rcHeld);
                if (held != null) realised.add(realised("holdout", "risk-controlled", rcHeld, held.size(), objective, calRefs, target));
            } else {
                note = String.format(Locale.ROOT, "no threshold certifies accuracy >= %.4f at delta %.3g on %d calibration rows",
                        target, req.statistics().delta(), cal.size());
            }
        }
        realised.addAll(crossValidated);
        return new OperatingPoint(objective.label(), target, p, boot, new OperatingPoint.HeldOut(heldPoint, heldBoot), mixture, rc, realised, note);
    }

    private static Realised realised(String split, String choice, CurvePoint p, int rows, Objective objective, References refs,
                                     double target) {
        return new Realised(split, choice, rows, target, Realised.Figures.of(p), Realised.Verdict.holdout(objective.satisfiedBy(p, refs)));
    }

    /**
     * k-fold cross-validation over all rows: fold f's thresholds (and recalibration) are fitted on the
     * other folds exactly as the main fit is on the calibration split, then applied to fold f; the
     * routed rows of every fold are pooled. Per objective: naive and, for accuracy targets,
     * risk-controlled figures. Empty lists when folds are off.
     */
    private static List<List<Realised>> crossValidate(CalibrationRequest req, LabeledDataset data, Outcomes raw, int[] columns) {
        List<List<Realised>> out = new ArrayList<>();
        int objectives = req.objectives().size();
        for (int k = 0; k < objectives; k++) out.add(new ArrayList<>());
        if (req.validation().folds() < 2) return out;
        int[][] folds = Split.folds(raw.size(), req.validation().folds(), req.statistics().seed());
        Pooled[][] pooled = new Pooled[objectives][2];
        for (int k = 0; k < objectives; k++) pooled[k] = new Pooled[]{new Pooled(), new Pooled()};
        for (int[] test : folds) {
            int[] train = Split.complement(raw.size(), test);
            Outcomes all = recalibrated(raw, data, recalibrations(req, data, raw, columns, train));
            Outcomes trainRows = all.subset(train), testRows = all.subset(test);
            References refs = References.of(trainRows);
            List<CurvePoint> curve = sweep(req, data, trainRows);
            for (int k = 0; k < objectives; k++) {
                Objective objective = req.objectives().get(k);
                double target = objective.accuracyTarget(refs);
                Pooled naive = pooled[k][0], certified = pooled[k][1];
                objective.choose(curve, refs).ifPresent(p -> naive.add(testRows.evaluate(p.policy()), testRows.size(), objective, refs));
                if (!Double.isNaN(target)) {
                    RiskControl.choose(curve, trainRows.size(), trainRows.binaryQuality(), target, req.statistics().delta())
                            .ifPresent(c -> certified.add(testRows.evaluate(c.point().policy()), testRows.size(), objective, refs));
                }
                naive.targetSum += target;
            }
        }
        for (int k = 0; k < objectives; k++) {
            Objective objective = req.objectives().get(k);
            double target = pooled[k][0].targetSum / folds.length;
            if (pooled[k][0].rows > 0) out.get(k).add(pooled[k][0].realised("naive", objective, target, folds.length));
            if (pooled[k][1].rows > 0) out.get(k).add(pooled[k][1].realised("risk-controlled", objective, target, folds.length));
        }
        return out;
    }

    /** Row-weighted sums of fold results. */
    private static final class Pooled {
        double quality, cost, latency, local, targetSum;
        int rows, foldsMet;

        void add(CurvePoint p, int n, Objective objective, References refs) {
            quality += p.accuracy() * n;
            cost += p.costPer1k() * n;
            latency += p.latencyMs() * n;
            local += p.shareLocal() * n;
            rows += n;
            if (objective.satisfiedBy(p, refs)) foldsMet++;
        }

        Realised realised(String choice, Objective objective, double meanTarget, int folds) {
            CurvePoint pooled = new CurvePoint(null, local / rows, quality / rows, cost / rows, latency / rows);
            boolean met = Double.isNaN(meanTarget) ? objective.satisfiedBy(pooled, null) : pooled.accuracy() >= meanTarget;
            return new Realised("cross-validation", choice, rows, meanTarget, Realised.Figures.of(pooled), new Realised.Verdict(met, folds, foldsMet));
        }
    }

    private static Bootstrap.Result bootstrap(CalibrationRequest req, Outcomes o, Policy policy, double target) {
        return Bootstrap.of(o.route(policy), req.statistics().resamples(), req.statistics().seed(), req.statistics().confidenceLevel(), target);
    }

    private static int[] allRows(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = i;
        return out;
    }

    private static double[] pick(double[] a, int[] idx) {
        double[] out = new double[idx.length];
        for (int i = 0; i < idx.length; i++) out[i] = a[idx[i]];
        return out;
    }
}
