package io.hybench.reports.sources;

import io.hybench.bench.results.CommandFile;
import io.hybench.bench.results.EnvInfo;
import io.hybench.bench.results.RunFolder;
import io.hybench.calibrate.CalibrationResult;
import io.hybench.calibrate.cost.CostUnit;
import io.hybench.calibrate.fit.Bootstrap;
import io.hybench.calibrate.fit.Interval;
import io.hybench.calibrate.fit.References;
import io.hybench.calibrate.policy.CurvePoint;
import io.hybench.calibrate.policy.Policy;
import io.hybench.core.mapper.Json;
import io.hybench.reports.html.EmulatedTarget;
import io.hybench.reports.html.Fact;
import io.hybench.reports.html.Provenance;
import io.hybench.reports.pages.CalibrationReportData.CostAccuracy;
import io.hybench.reports.pages.CalibrationReportData.ExportedFile;
import io.hybench.reports.pages.CalibrationReportData.OperatingPoint;
import io.hybench.reports.pages.CalibrationReportData.ReferenceRouter;
import io.hybench.reports.pages.CalibrationReportData.ReliabilityBin;
import io.hybench.reports.pages.CalibrationReportData;
import io.hybench.reports.pages.Estimate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads a {@code hybench calibrate} output folder (docs/calibration.md) into the calibration page's model. */
public final class CalibrationFolder {
    /** Exported router configs the page shows verbatim, with their formats. */
    private static final List<String[]> EXPORTS = List.of(new String[] {"router-spec.json", "hybench router spec, JSON"},
            new String[] {"litellm-config.yaml", "LiteLLM proxy config, YAML"}, new String[] {"thresholds.yaml", "seed thresholds, YAML"},
            new String[] {"semantic-router.yaml", "vLLM Semantic Router decision, YAML"});

    private CalibrationFolder() {
    }

    public static CalibrationReportData load(Path dir, ReportContext ctx) {
        Path summaryFile = dir.resolve(RunFolder.SUMMARY);
        CalibrationResult r;
        try {
            r = Json.MAPPER.readValue(summaryFile.toFile(), CalibrationResult.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(summaryFile + ": not a calibration summary: " + e.getMessage(), e);
        }
        if (r.formatVersion() > CalibrationResult.FORMAT_VERSION) {
            throw new IllegalArgumentException(summaryFile + ": calibration summary format " + r.formatVersion()
                    + " is not readable by this hybench, which reads formats up to " + CalibrationResult.FORMAT_VERSION);
        }
        CostUnit unit = r.provenance().costing().costUnit();
        String costTitle = unit == CostUnit.USD ? "cost per 1k queries (USD)" : "cloud calls per 1k queries";
        List<CalibrationReportData.CurvePoint> curve = r.curves().curve().stream()
                .map(p -> new CalibrationReportData.CurvePoint(threshold(p.policy()), p.shareLocal(), p.accuracy(), p.costPer1k()))
                .sorted(Comparator.comparingDouble(CalibrationReportData.CurvePoint::threshold)).toList();
        var q = r.scores().scoreQuality();
        return new CalibrationReportData(provenance(dir, ctx, r.provenance().emulated()), datasetFacts(r),
                new CalibrationReportData.Curves(costTitle, curve, costAccuracy(r.curves().frontier()), costAccuracy(r.curves().hull())),
                references(r.baselines().calibrationReferences()), operatingPoints(r),
                q == null ? CalibrationReportData.ScoreQuality.NONE : new CalibrationReportData.ScoreQuality(q.auroc(), q.ece(), q.brier(),
                        q.reliability().stream().map(b -> new ReliabilityBin(b.meanScore(), b.localAccuracy(), b.count())).toList()),
                exports(dir));
    }

    /**
     * The threshold a policy's curve is drawn against (oriented: a score below it leaves the local
     * path): the cascade's escalation threshold, the pre-router's, and for two-stage the cascade stage's.
     */
    static double threshold(Policy p) {
        return switch (p) {
            case Policy.Cascade c -> c.escalateBelow();
            case Policy.PreRoute pr -> pr.cloudBelow();
            case Policy.TwoStage t -> t.escalateBelow();
        };
    }

    /** {@code emulated}: the collect targets the emulator served, as the calibration recorded them (null: not recorded). */
    private static Provenance provenance(Path dir, ReportContext ctx, Map<String, String> emulated) {
        boolean hasEnv = Files.isRegularFile(dir.resolve(RunFolder.ENV));
        EnvInfo env = hasEnv ? EnvInfo.readFrom(dir) : null;
        String command = CommandFile.read(dir).orElse("not recorded: this folder predates command.txt; summary.json's provenance lists every setting");
        List<EmulatedTarget> targets = emulated == null ? List.of()
                : emulated.entrySet().stream().map(e -> new EmulatedTarget(e.getKey(), e.getValue())).toList();
        return new Provenance(env == null ? "not recorded" : env.projectVersion(), command,
                env == null ? EnvironmentFacts.notRecorded(ctx) : EnvironmentFacts.of(env, ctx), targets, ctx.generatedAt(),
                emulated != null ? null : "not recorded in this calibration (its labeled data has no collect provenance that says which"
                        + " servers answered, or predates hybench recording it).");
    }

    private static List<Fact> datasetFacts(CalibrationResult r) {
        CalibrationResult.Provenance p = r.provenance();
        List<Fact> f = new ArrayList<>();
        f.add(new Fact("Data files", String.join(", ", p.dataset().files())));
        f.add(new Fact("Dataset SHA-256", p.dataset().datasetSha256()));
        var d = p.dataset();
        f.add(new Fact("Rows", d.rows() + " used, " + d.excludedRows() + " excluded" + (d.unmatchedExclusions() > 0
                ? " (" + d.unmatchedExclusions() + " exclusions matched no row)" : "")));
        f.add(new Fact("Split", p.split().calibrationRows() + " calibration rows, " + p.split().holdoutRows() + " held out ("
                + fixed(p.split().holdoutFraction() * 100, 0) + "%), seed " + p.statistics().seed()));
        f.add(new Fact("Models", "local " + p.models().localModel() + ", cloud " + p.models().cloudModel()));
        var s = p.scoring();
        f.add(new Fact("Policy", s.policy() + " on score " + s.score() + (s.routerScore() == null ? "" : ", pre-router score " + s.routerScore())
                + " (" + s.scoreSense() + ")"));
        f.add(new Fact("Costs", p.costing().costUnit() + (p.costing().costNote() == null ? "" : ": " + p.costing().costNote())
                + (p.costing().pricesAsOf() == null ? "" : "; prices as of " + p.costing().pricesAsOf())));
        f.add(new Fact("Intervals", p.statistics().resamples() + " bootstrap resamples, level " + fixed(p.statistics().confidenceLevel(), 2)
                + "; risk control at delta " + fixed(p.statistics().delta(), 3)));
        CalibrationResult.RouteLlmMetrics m = r.baselines().routeLlm();
        if (m != null) {
            if (m.router() == null) {
                f.add(new Fact("APGR, CPT (RouteLLM)", "not computed: summary.json format " + r.formatVersion()
                        + " predates RouteLLM's exact definition; its figures are the running-maximum ones below"));
            } else {
                f.add(new Fact("APGR (RouteLLM)", fixed(m.router().apgr(), 4) + " (oracle " + fixed(m.oracle().apgr(), 4) + ", random 0.5)"));
                f.add(new Fact("CPT(20/50/80%) (RouteLLM)", cpts(m.router()) + " of queries to the cloud (oracle " + cpts(m.oracle()) + ")"));
            }
            f.add(new Fact("APGR, CPT(20/50/80%) (running maximum)", fixed(m.routerRunningMax().apgr(), 4) + "; "
                    + cpts(m.routerRunningMax()) + " of queries to the cloud"));
        }
        f.add(new Fact("Calibrated on", p.date()));
        return f;
    }

    private static String cpts(CalibrationResult.RouteLlmMetrics.Figures f) {
        return percent(f.cpt20()) + " / " + percent(f.cpt50()) + " / " + percent(f.cpt80());
    }

    private static List<CostAccuracy> costAccuracy(List<CurvePoint> points) {
        return points.stream().map(p -> new CostAccuracy(p.costPer1k(), p.accuracy())).toList();
    }

    private static List<ReferenceRouter> references(References refs) {
        return List.of(reference("local only", refs.localOnly()), reference("cloud only", refs.cloudOnly()),
                reference("random", refs.random()), reference("oracle", refs.oracle()));
    }

    private static ReferenceRouter reference(String name, References.Figure f) {
        return new ReferenceRouter(name, f.accuracy(), f.costPer1k(), f.shareLocal());
    }

    /** Per objective: the naive choice (held-out figures when rows were held out) and the risk-controlled one. */
    static List<OperatingPoint> operatingPoints(CalibrationResult r) {
        List<OperatingPoint> out = new ArrayList<>();
        for (CalibrationResult.OperatingPoint op : r.operatingPoints()) {
            if (op.chosen() == null) {
                out.add(unreachable(op.objective(), op.note() == null ? "no threshold meets the objective" : op.note()));
                continue;
            }
            boolean heldOut = op.heldOut().holdout() != null;
            CurvePoint at = heldOut ? op.heldOut().holdout() : op.chosen();
            Bootstrap.Result boot = heldOut ? op.heldOut().holdoutBootstrap() : op.bootstrap();
            out.add(new OperatingPoint(op.objective(), "naive" + twoStage(op.chosen().policy()) + (heldOut ? "; held-out figures" : "; calibration split, nothing held out"),
                    threshold(op.chosen().policy()), estimate(at.accuracy(), boot == null ? null : boot.accuracy()),
                    estimate(at.costPer1k(), boot == null ? null : boot.costPer1k()), estimate(at.shareLocal(), boot == null ? null : boot.shareLocal())));
            CalibrationResult.RiskControlled rc = op.riskControlled();
            if (rc != null) {
                CurvePoint rcAt = rc.holdout() != null ? rc.holdout() : rc.chosen();
                out.add(new OperatingPoint(op.objective(), String.format(Locale.ROOT, "risk-controlled, delta %s, p = %.3g%s%s", fixed(rc.delta(), 3), rc.pValue(),
                        twoStage(rc.chosen().policy()), rc.holdout() != null ? "; held-out figures" : "; calibration split"),
                        threshold(rc.chosen().policy()), Estimate.point(rcAt.accuracy()), Estimate.point(rcAt.costPer1k()), Estimate.point(rcAt.shareLocal())));
            } else if (op.note() != null) {
                out.add(unreachable(op.objective(), "risk-controlled: " + op.note()));
            }
        }
        return out;
    }

    private static OperatingPoint unreachable(String objective, String why) {
        return new OperatingPoint(objective, why, Double.NaN, Estimate.notMeasured(), Estimate.notMeasured(), Estimate.notMeasured());
    }

    private static String twoStage(Policy p) {
        return p instanceof Policy.TwoStage t ? " (pre-router to the cloud below " + fixed(t.cloudBelow(), 4) + ")" : "";
    }

    private static Estimate estimate(double value, Interval interval) {
        return interval == null ? Estimate.point(value) : new Estimate(value, interval.lower(), interval.upper());
    }

    private static List<ExportedFile> exports(Path dir) {
        List<ExportedFile> out = new ArrayList<>();
        for (String[] e : EXPORTS) {
            Path file = dir.resolve(e[0]);
            if (!Files.isRegularFile(file)) continue;
            try {
                out.add(new ExportedFile(e[0], e[1], Files.readString(file)));
            } catch (IOException x) {
                throw new UncheckedIOException(file + ": cannot read: " + x.getMessage(), x);
            }
        }
        return out;
    }

    private static String fixed(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "not measured";
    }

    private static String percent(double fraction) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.1f%%", fraction * 100) : "not reached";
    }
}
