package io.hybench.calibrate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.hybench.calibrate.cost.CostUnit;
import io.hybench.calibrate.fit.Bootstrap;
import io.hybench.calibrate.fit.Hull;
import io.hybench.calibrate.fit.QualityCurve;
import io.hybench.calibrate.fit.Recalibration;
import io.hybench.calibrate.fit.References;
import io.hybench.calibrate.fit.RouteLlmEvaluation;
import io.hybench.calibrate.fit.ScoreQuality;
import io.hybench.calibrate.policy.CurvePoint;
import io.hybench.core.mapper.Json;

import java.util.List;
import java.util.Map;

/**
 * The whole outcome of one calibration; summary.json is this record. Curve, frontier, hull, score
 * quality and choices are fitted on the calibration split; {@code holdout} figures re-evaluate the
 * chosen thresholds on rows the fit never saw (null when there is no held-out split). The groups are nested
 * for readers of the code; in summary.json their fields stay at the top level ({@link JsonUnwrapped}).
 *
 * @param baselines       the reference routers and RouteLLM's figures
 * @param scores          how well the score ranks and is calibrated
 * @param curves          curve, frontier and hull (thinned in summary.json)
 * @param operatingPoints the chosen thresholds
 * @param fullSizes       how many points curve and frontier had before thinning
 */
public record CalibrationResult(int formatVersion, Provenance provenance, @JsonUnwrapped Baselines baselines, @JsonUnwrapped Scores scores,
                                @JsonUnwrapped Curves curves, List<OperatingPoint> operatingPoints, @JsonUnwrapped FullSizes fullSizes) {
    /** summary.json's format: 2 reports RouteLLM's exact APGR/CPT beside the running-maximum ones; absent (read as 0) is 1. */
    public static final int FORMAT_VERSION = 2;

    public CalibrationResult {
        if (formatVersion == 0) formatVersion = 1;
    }

    /** A result of this version whose full curve and frontier are given. */
    public static CalibrationResult of(Provenance provenance, Baselines baselines, Scores scores, Curves curves, List<OperatingPoint> operatingPoints) {
        return new CalibrationResult(FORMAT_VERSION, provenance, baselines, scores, curves, operatingPoints,
                new FullSizes(curves.curve().size(), curves.frontier().size()));
    }

    /**
     * This result with curve and frontier cut to at most {@code maxPoints} each, evenly spaced by position
     * (first and last kept), for summary.json; {@link #fullSizes} still counts the full lists.
     */
    public CalibrationResult thinnedTo(int maxPoints) {
        return new CalibrationResult(formatVersion, provenance, baselines, scores,
                new Curves(thin(curves.curve(), maxPoints), thin(curves.frontier(), maxPoints), curves.hull()), operatingPoints, fullSizes);
    }

    /**
     * @param references            the reference routers (local-only, cloud-only, random, oracle) on all rows
     * @param calibrationReferences the same on the calibration split
     * @param routeLlm              RouteLLM's figures of the policy
     */
    public record Baselines(References references, References calibrationReferences, RouteLlmMetrics routeLlm) {
    }

    /**
     * @param scoreQuality  the raw score's quality
     * @param recalibration the recalibration maps and the recalibrated score's quality; null without recalibration
     */
    public record Scores(ScoreQuality scoreQuality, RecalibrationFit recalibration) {
    }

    /** Every candidate threshold's point, its Pareto frontier and its convex hull. */
    public record Curves(List<CurvePoint> curve, List<CurvePoint> frontier, List<CurvePoint> hull) {
    }

    public record FullSizes(int curvePoints, int frontierPoints) {
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
                             @JsonUnwrapped CalibrationRequest.Statistics statistics, boolean latencyKnown,
                             @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, String> emulated) {

        /**
         * {@code emulated}: the collect targets the hybench emulator served (name -> profile; empty: all real
         * servers), from the collect provenance beside the data files; null (absent) when they do not record it.
         */
        public Provenance {
            emulated = emulated == null ? null : Map.copyOf(emulated);
        }

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

    /**
     * RouteLLM's figures on the calibration split: {@code router} and {@code oracle} by RouteLLM's own definition
     * ({@link RouteLlmEvaluation}; the router's NaN for two-stage, which has no single router score), and
     * {@code routerRunningMax} read from the policy's whole curve made monotone ({@link QualityCurve}), which a
     * non-monotone curve cannot lower and RouteLLM's can. A format-1 summary.json held only the running-maximum figures, under the plain
     * names: they read back as {@code routerRunningMax}, with {@code router} and {@code oracle} null (not computed).
     */
    public record RouteLlmMetrics(Figures router, Figures oracle, Figures routerRunningMax) {

        /** APGR, and CPT(20%, 50%, 80%) as cloud-call fractions; NaN where undefined. */
        public record Figures(double apgr, double cpt20, double cpt50, double cpt80) {
            public static final Figures NONE = new Figures(Double.NaN, Double.NaN, Double.NaN, Double.NaN);

            public static Figures of(RouteLlmEvaluation e) {
                return new Figures(e.apgr(), e.cpt(0.2), e.cpt(0.5), e.cpt(0.8));
            }

            public static Figures of(QualityCurve c, References refs) {
                return new Figures(c.apgr(refs), c.cpt(refs, 0.2), c.cpt(refs, 0.5), c.cpt(refs, 0.8));
            }
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static RouteLlmMetrics read(JsonNode n) throws JsonProcessingException {
            if (n.has("routerRunningMax")) {
                return new RouteLlmMetrics(figures(n.get("router")), figures(n.get("oracle")), figures(n.get("routerRunningMax")));
            }
            return new RouteLlmMetrics(null, null, new Figures(number(n, "apgr"), number(n, "cpt20"), number(n, "cpt50"), number(n, "cpt80")));
        }

        private static Figures figures(JsonNode n) throws JsonProcessingException {
            return n == null || n.isNull() ? null : Json.MAPPER.treeToValue(n, Figures.class);
        }

        private static double number(JsonNode n, String field) {
            JsonNode v = n.path(field);
            return v.isNumber() ? v.doubleValue() : Double.NaN;
        }
    }

    /** A chosen point: naive (cheapest meeting the objective), its intervals, held-out realisation and a risk-controlled alternative. */
    public record OperatingPoint(String objective, double accuracyTarget, CurvePoint chosen, Bootstrap.Result bootstrap,
                                 @JsonUnwrapped HeldOut heldOut, Hull.Mixture hullMixture, RiskControlled riskControlled,
                                 List<Realised> realised, String note) {
        public OperatingPoint {
            if (heldOut == null) heldOut = HeldOut.NONE; // read back from a summary whose held-out fields are all null
        }

        /** An objective no threshold meets on the calibration split: only cross-validation figures, if any, and why. */
        public static OperatingPoint none(String objective, double accuracyTarget, List<Realised> realised, String note) {
            return new OperatingPoint(objective, accuracyTarget, null, null, HeldOut.NONE, null, null, realised, note);
        }

        /** A chosen point alone (no held-out split, hull mixture, risk control or validation). */
        public static OperatingPoint of(String objective, double accuracyTarget, CurvePoint chosen, Bootstrap.Result bootstrap) {
            return new OperatingPoint(objective, accuracyTarget, chosen, bootstrap, HeldOut.NONE, null, null, List.of(), null);
        }

        /** The chosen thresholds on the held-out rows, with their intervals; both null without a held-out split. */
        public record HeldOut(CurvePoint holdout, Bootstrap.Result holdoutBootstrap) {
            public static final HeldOut NONE = new HeldOut(null, null);
        }
    }

    /**
     * What a choice achieved on rows its fit never saw, against the objective. {@code split} is
     * "holdout" (thresholds from the calibration split) or "cross-validation" (each fold's thresholds
     * from the other folds, figures pooled over all rows); {@code choice} is "naive" or
     * "risk-controlled". {@code objectiveMet}: the pooled figures meet the objective (accuracy targets
     * as fitted); {@code foldsMet}: in how many folds they did (cross-validation only; 0 and 0 for holdout).
     * A fold whose fit finds no point adds nothing (its rows are missing from {@code rows}).
     */
    public record Realised(String split, String choice, int rows, double accuracyTarget, @JsonUnwrapped Figures figures,
                           @JsonUnwrapped Verdict verdict) {

        /** Accuracy, local share, cost per 1k queries and mean latency of the routed rows. */
        public record Figures(double accuracy, double shareLocal, double costPer1k, double latencyMs) {
            public static Figures of(CurvePoint p) {
                return new Figures(p.accuracy(), p.shareLocal(), p.costPer1k(), p.latencyMs());
            }
        }

        /** Whether the objective was met, pooled and per fold ({@code folds}, {@code foldsMet} 0 for a held-out split). */
        public record Verdict(boolean objectiveMet, int folds, int foldsMet) {
            public static Verdict holdout(boolean met) {
                return new Verdict(met, 0, 0);
            }
        }
    }

    /** The Learn-then-Test choice: accuracy >= target with probability >= 1 - delta. */
    public record RiskControlled(CurvePoint chosen, double pValue, double delta, CurvePoint holdout) {
    }
}
