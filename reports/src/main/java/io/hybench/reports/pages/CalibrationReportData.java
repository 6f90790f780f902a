package io.hybench.reports.pages;

import io.hybench.reports.html.Fact;
import io.hybench.reports.html.Provenance;

import java.util.List;
import java.util.Objects;

/**
 * What a calibration report shows, read from a calibration's output folder.
 *
 * @param provenance      version, environment, reproduce command
 * @param dataset         dataset, mapping, split and policy settings
 * @param curves          the threshold curve, frontier and hull, with the cost axis's title
 * @param references      local-only, cloud-only, random and oracle routers
 * @param operatingPoints the chosen thresholds with intervals
 * @param scoreQuality    how well the score separates right from wrong local answers
 * @param exports         exported router configs, shown verbatim
 */
public record CalibrationReportData(Provenance provenance, List<Fact> dataset, Curves curves, List<ReferenceRouter> references,
                                    List<OperatingPoint> operatingPoints, ScoreQuality scoreQuality, List<ExportedFile> exports) {
    public CalibrationReportData {
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(curves, "curves");
        Objects.requireNonNull(scoreQuality, "scoreQuality");
        dataset = List.copyOf(dataset);
        references = List.copyOf(references);
        operatingPoints = List.copyOf(operatingPoints);
        exports = List.copyOf(exports);
    }

    /**
     * @param costTitle      the cost axis with unit, e.g. "cost per 1k queries (USD)"
     * @param curve          every candidate threshold, in increasing threshold
     * @param paretoFrontier the cost/accuracy frontier, in increasing cost
     * @param convexHull     the frontier's upper convex hull (reachable by randomising between two thresholds)
     */
    public record Curves(String costTitle, List<CurvePoint> curve, List<CostAccuracy> paretoFrontier, List<CostAccuracy> convexHull) {
        public Curves {
            Objects.requireNonNull(costTitle, "costTitle");
            curve = List.copyOf(curve);
            paretoFrontier = List.copyOf(paretoFrontier);
            convexHull = List.copyOf(convexHull);
        }
    }

    /** One candidate threshold: the share of queries kept local, accuracy and cost at that threshold. */
    public record CurvePoint(double threshold, double shareLocal, double accuracy, double cost) {
    }

    /** A point of the frontier or hull. */
    public record CostAccuracy(double cost, double accuracy) {
    }

    /** A reference router (local-only, cloud-only, random, oracle). */
    public record ReferenceRouter(String name, double accuracy, double cost, double shareLocal) {
        public ReferenceRouter {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * A chosen threshold.
     *
     * @param objective        what it was chosen for ("cheapest with accuracy >= 0.78")
     * @param method           how ("naive" or "risk-controlled, delta 0.1")
     * @param threshold        the threshold
     * @param accuracy         held-out accuracy with interval
     * @param cost             held-out cost with interval
     * @param shareLocal       held-out share kept local with interval
     */
    public record OperatingPoint(String objective, String method, double threshold, Estimate accuracy, Estimate cost, Estimate shareLocal) {
        public OperatingPoint {
            Objects.requireNonNull(objective, "objective");
            Objects.requireNonNull(method, "method");
        }
    }

    /** AUROC, ECE, Brier and the reliability diagram's bins. */
    public record ScoreQuality(double auroc, double expectedCalibrationError, double brier, List<ReliabilityBin> bins) {
        /** A calibration without a score column (e.g. RouteLLM's MMLU correctness columns alone): nothing to judge. */
        public static final ScoreQuality NONE = new ScoreQuality(Double.NaN, Double.NaN, Double.NaN, List.of());

        public ScoreQuality {
            bins = List.copyOf(bins);
        }
    }

    /** One bin of the reliability diagram. */
    public record ReliabilityBin(double meanScore, double observedAccuracy, long count) {
    }

    /** An exported file and its text. */
    public record ExportedFile(String fileName, String format, String text) {
        public ExportedFile {
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(text, "text");
        }
    }
}
