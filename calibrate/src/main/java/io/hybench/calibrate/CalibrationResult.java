package io.hybench.calibrate;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.hybench.calibrate.cost.CostUnit;
import io.hybench.calibrate.fit.Bootstrap;
import io.hybench.calibrate.fit.Hull;
import io.hybench.calibrate.fit.Recalibration;
import io.hybench.calibrate.fit.References;
import io.hybench.calibrate.fit.ScoreQuality;
import io.hybench.calibrate.policy.CurvePoint;

import java.util.List;
import java.util.Map;

/**
 * The whole outcome of one calibration; summary.json is this record. Curve, frontier, hull, score
 * quality and choices are fitted on the calibration split; {@code holdout} figures re-evaluate the
 * chosen thresholds on rows the fit never saw (null when there is no held-out split).
 */
public record CalibrationResult(Provenance provenance, References references, References calibrationReferences,
                                RouteLlmMetrics routeLlm, ScoreQuality scoreQuality, RecalibrationFit recalibration,
                                List<CurvePoint> curve, List<CurvePoint> frontier, List<CurvePoint> hull,
                                List<OperatingPoint> operatingPoints, int curvePoints, int frontierPoints) {

    /** A result whose full curve and frontier are given: {@code curvePoints} and {@code frontierPoints} count them. */
    public CalibrationResult(Provenance provenance, References references, References calibrationReferences, RouteLlmMetrics routeLlm,
                             ScoreQuality scoreQuality, RecalibrationFit recalibration, List<CurvePoint> curve,
                             List<CurvePoint> frontier, List<CurvePoint> hull, List<OperatingPoint> operatingPoints) {
        this(provenance, references, calibrationReferences, routeLlm, scoreQuality, recalibration, curve, frontier, hull,
                operatingPoints, curve.size(), frontier.size());
    }

    /**
     * This result with curve and frontier cut to at most {@code maxPoints} each, evenly spaced by position
     * (first and last kept), for summary.json; {@code curvePoints} and {@code frontierPoints} still count the full lists.
     */
    public CalibrationResult thinnedTo(int maxPoints) {
        return new CalibrationResult(provenance, references, calibrationReferences, routeLlm, scoreQuality, recalibration,
                thin(curve, maxPoints), thin(frontier, maxPoints), hull, operatingPoints, curvePoints, frontierPoints);
    }

    private static List<CurvePoint> thin(List<CurvePoint> points, int max) {
        if (max < 2) throw new IllegalArgumentException("max points must be >= 2: " + max);
        if (points.size() <= max) return points;
        List<CurvePoint> out = new java.util.ArrayList<>(max);
        for (int j = 0; j < max; j++) out.add(points.get((int) Math.round((double) j * (points.size() - 1) / (max - 1))));
        return out;
    }

    /**
     * The recalibration maps (by score column, fitted on the calibration split) and the recalibrated
     * score's quality on {@code scoreQualitySplit} ("holdout" when there is one, else "calibration").
     */
    public record RecalibrationFit(Recalibration.Method method, Map<String, Recalibration> maps, ScoreQuality scoreQuality,
                                   String scoreQualitySplit) {
    }

    /**
     * What was calibrated and how, in summary.json and the router spec. The groups are nested for
     * readers of the code; on the wire they stay one flat object ({@link JsonUnwrapped}).
     */
    public record Provenance(@JsonUnwrapped Dataset dataset, String date, @JsonUnwrapped Scoring scoring,
                             @JsonUnwrapped Models models, @JsonUnwrapped Costing costing, @JsonUnwrapped Split split,
                             @JsonUnwrapped CalibrationRequest.Statistics statistics, boolean latencyKnown) {

        /** The labelled data: files, their hash, rows kept and rows excluded (by exclusion lists, and entries naming no row). */
        public record Dataset(List<String> files, String datasetSha256, int rows, int excludedRows, int unmatchedExclusions) {
        }

        /** The policy kind, its score columns ({@code routerScore} null unless two-stage) and which way the raw scores point. */
        public record Scoring(String policy, String score, String routerScore, String scoreSense) {
        }

        public record Models(String localModel, String cloudModel) {
        }

        /** What costs count ({@code costNote}: why), and the price file's date (null: none given). */
        public record Costing(CostUnit costUnit, String costNote, String pricesAsOf) {
        }

        /** Rows fitted on and held out, the requested held-out fraction, and cross-validation folds (0: none). */
        public record Split(int calibrationRows, int holdoutRows, double holdoutFraction, int folds) {
        }
    }

    /** RouteLLM's figures for the policy's curve, the oracle and the random router (random: 0.5 and p by construction). */
    public record RouteLlmMetrics(double apgr, double cpt20, double cpt50, double cpt80,
                                  double oracleApgr, double oracleCpt20, double oracleCpt50, double oracleCpt80) {
    }

    /** A chosen point: naive (cheapest meeting the objective), its intervals, held-out realisation and a risk-controlled alternative. */
    public record OperatingPoint(String objective, double accuracyTarget, CurvePoint chosen, Bootstrap.Result bootstrap,
                                 CurvePoint holdout, Bootstrap.Result holdoutBootstrap, Hull.Mixture hullMixture,
                                 RiskControlled riskControlled, List<Realised> realised, String note) {
    }

    /**
     * What a choice achieved on rows its fit never saw, against the objective. {@code split} is
     * "holdout" (thresholds from the calibration split) or "cross-validation" (each fold's thresholds
     * from the other folds, figures pooled over all rows); {@code choice} is "naive" or
     * "risk-controlled". {@code objectiveMet}: the pooled figures meet the objective (accuracy targets
     * as fitted); {@code foldsMet}: in how many folds they did (cross-validation only; 0 and 0 for holdout).
     * A fold whose fit finds no point adds nothing (its rows are missing from {@code rows}).
     */
    public record Realised(String split, String choice, int rows, double accuracyTarget, double accuracy, double shareLocal,
                           double costPer1k, double latencyMs, boolean objectiveMet, int folds, int foldsMet) {
    }

    /** The Learn-then-Test choice: accuracy >= target with probability >= 1 - delta. */
    public record RiskControlled(CurvePoint chosen, double pValue, double delta, CurvePoint holdout) {
    }
}
