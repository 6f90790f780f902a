package io.hybench.calibrate;

import io.hybench.calibrate.cost.CostUnit;
import io.hybench.calibrate.fit.Bootstrap;
import io.hybench.calibrate.fit.Hull;
import io.hybench.calibrate.fit.References;
import io.hybench.calibrate.fit.ScoreQuality;
import io.hybench.calibrate.policy.CurvePoint;

import java.util.List;

/**
 * The whole outcome of one calibration; summary.json is this record. Curve, frontier, hull, score
 * quality and choices are fitted on the calibration split; {@code holdout} figures re-evaluate the
 * chosen thresholds on rows the fit never saw (null when there is no held-out split).
 */
public record CalibrationResult(Provenance provenance, References references, References calibrationReferences,
                                RouteLlmMetrics routeLlm, ScoreQuality scoreQuality, List<CurvePoint> curve,
                                List<CurvePoint> frontier, List<CurvePoint> hull, List<OperatingPoint> operatingPoints) {

    public record Provenance(List<String> files, String datasetSha256, int rows, int excludedRows, int unmatchedExclusions,
                             String date, String policy, String score, String routerScore, String scoreSense,
                             String localModel, String cloudModel, CostUnit costUnit, String costNote, String pricesAsOf,
                             int calibrationRows, int holdoutRows, double holdoutFraction, long seed, int resamples,
                             double confidenceLevel, double delta, boolean latencyKnown) {
    }

    /** RouteLLM's figures for the policy's curve, the oracle and the random router (random: 0.5 and p by construction). */
    public record RouteLlmMetrics(double apgr, double cpt20, double cpt50, double cpt80,
                                  double oracleApgr, double oracleCpt20, double oracleCpt50, double oracleCpt80) {
    }

    /** A chosen point: naive (cheapest meeting the objective), its intervals, held-out realisation and a risk-controlled alternative. */
    public record OperatingPoint(String objective, double accuracyTarget, CurvePoint chosen, Bootstrap.Result bootstrap,
                                 CurvePoint holdout, Bootstrap.Result holdoutBootstrap, Hull.Mixture hullMixture,
                                 RiskControlled riskControlled, String note) {
    }

    /** The Learn-then-Test choice: accuracy >= target with probability >= 1 - delta. */
    public record RiskControlled(CurvePoint chosen, double pValue, double delta, CurvePoint holdout) {
    }
}
