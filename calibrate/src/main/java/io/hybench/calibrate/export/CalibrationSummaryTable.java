package io.hybench.calibrate.export;

import io.hybench.calibrate.CalibrationResult;
import io.hybench.calibrate.CalibrationResult.OperatingPoint;
import io.hybench.calibrate.fit.References;

import java.util.Locale;

/** The concise plain-text table {@code hybench calibrate} prints. */
public final class CalibrationSummaryTable {
    private CalibrationSummaryTable() {
    }

    public static String render(CalibrationResult r) {
        var p = r.provenance();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "calibration: %d rows (%d excluded), %d calibration / %d held out, policy %s, score %s, cost in %s%n",
                p.dataset().rows(), p.dataset().excludedRows(), p.split().calibrationRows(), p.split().holdoutRows(), p.scoring().policy(),
                p.scoring().score() == null ? "(none)" : p.scoring().score(), p.costing().costUnit()));
        if (p.costing().costNote() != null) sb.append("  cost: ").append(p.costing().costNote()).append('\n');
        sb.append(String.format(Locale.ROOT, "%-34s %9s %12s %11s%n", "router", "accuracy", "cost/1k", "local"));
        References refs = r.baselines().references();
        row(sb, "local-only", refs.localOnly());
        row(sb, "cloud-only", refs.cloudOnly());
        row(sb, "random (50% cloud)", refs.random());
        row(sb, "oracle", refs.oracle());
        var m = r.baselines().routeLlm();
        sb.append(String.format(Locale.ROOT, "APGR %.4f (oracle %.4f, random 0.5000); CPT50 %s; running maximum: APGR %.4f, CPT50 %s%n",
                m.router().apgr(), m.oracle().apgr(), pct(m.router().cpt50()), m.routerRunningMax().apgr(), pct(m.routerRunningMax().cpt50())));
        var sq = r.scores().scoreQuality();
        if (sq != null) sb.append(String.format(Locale.ROOT, "score: AUROC %.4f, Brier %.4f, ECE %.4f%n", sq.auroc(), sq.brier(), sq.ece()));
        var recal = r.scores().recalibration();
        if (recal != null) {
            var q = recal.scoreQuality();
            sb.append(String.format(Locale.ROOT, "recalibrated (%s) on %s rows: AUROC %.4f, Brier %.4f, ECE %.4f; thresholds are P(local right)%n",
                    recal.method().name().toLowerCase(Locale.ROOT), recal.scoreQualitySplit(), q.auroc(), q.brier(), q.ece()));
        }
        for (OperatingPoint op : r.operatingPoints()) {
            if (op.chosen() == null) {
                sb.append(op.objective()).append(": ").append(op.note()).append('\n');
                continue;
            }
            var b = op.bootstrap();
            sb.append(String.format(Locale.ROOT, "%s: %s%n  calibration: accuracy %.4f [%.4f, %.4f]  cost/1k %.4g [%.4g, %.4g]  local %.1f%%",
                    op.objective(), op.chosen().policy(), op.chosen().accuracy(), b.accuracy().lower(), b.accuracy().upper(),
                    op.chosen().costPer1k(), b.costPer1k().lower(), b.costPer1k().upper(), 100 * op.chosen().shareLocal()));
            if (!Double.isNaN(b.probabilityTargetMet())) sb.append(String.format(Locale.ROOT, "  P(target met) %.2f", b.probabilityTargetMet()));
            sb.append('\n');
            if (op.heldOut().holdout() != null) {
                boolean met = op.realised().stream().anyMatch(x -> x.split().equals("holdout") && x.choice().equals("naive") && x.verdict().objectiveMet());
                sb.append(String.format(Locale.ROOT, "  held out:    accuracy %.4f  cost/1k %.4g  local %.1f%%  objective met %s%n",
                        op.heldOut().holdout().accuracy(), op.heldOut().holdout().costPer1k(), 100 * op.heldOut().holdout().shareLocal(), met ? "yes" : "NO"));
            }
            if (op.riskControlled() != null) {
                var rc = op.riskControlled();
                sb.append(String.format(Locale.ROOT, "  risk-controlled (delta %.3g): %s accuracy %.4f local %.1f%%%s%n", rc.delta(),
                        rc.chosen().policy(), rc.chosen().accuracy(), 100 * rc.chosen().shareLocal(),
                        rc.holdout() == null ? "" : String.format(Locale.ROOT, "; held out accuracy %.4f", rc.holdout().accuracy())));
            } else if (op.note() != null) {
                sb.append("  ").append(op.note()).append('\n');
            }
            for (var cv : op.realised()) {
                if (cv.split().equals("holdout")) continue; // shown above
                sb.append(String.format(Locale.ROOT, "  %d-fold %s: accuracy %.4f  cost/1k %.4g  local %.1f%%  objective met %s (%d of %d folds)%n",
                        cv.verdict().folds(), cv.choice(), cv.figures().accuracy(), cv.figures().costPer1k(), 100 * cv.figures().shareLocal(),
                        cv.verdict().objectiveMet() ? "yes" : "NO", cv.verdict().foldsMet(), cv.verdict().folds()));
            }
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, References.Figure f) {
        sb.append(String.format(Locale.ROOT, "%-34s %9.4f %12.4g %10.1f%%%n", name, f.accuracy(), f.costPer1k(), 100 * f.shareLocal()));
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f%%", 100 * v);
    }
}
