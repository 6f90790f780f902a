package io.hybench.calibrate.fit;

import io.hybench.calibrate.policy.CurvePoint;
import io.hybench.calibrate.policy.Outcomes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Accuracy as a function of the share of queries that call the cloud, as RouteLLM plots it, made
 * monotone: at each cloud share, the best accuracy reachable with at most that share (running
 * maximum), linear between points (randomising between two thresholds reaches every point on the
 * segment). The running-maximum APGR and CPT are read from this envelope (RouteLLM's own definition, which
 * makes nothing monotone, is {@link RouteLlmEvaluation}).
 */
public final class QualityCurve {
    private final double[] share;
    private final double[] accuracy;

    private QualityCurve(double[] share, double[] accuracy) {
        this.share = share;
        this.accuracy = accuracy;
    }

    public static QualityCurve envelope(List<CurvePoint> points) {
        List<CurvePoint> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(CurvePoint::cloudShare));
        double[] xs = new double[sorted.size()], ys = new double[sorted.size()];
        int m = 0;
        double best = Double.NEGATIVE_INFINITY;
        for (CurvePoint p : sorted) {
            best = Math.max(best, p.accuracy());
            if (m > 0 && xs[m - 1] == p.cloudShare()) {
                ys[m - 1] = best;
            } else {
                xs[m] = p.cloudShare();
                ys[m++] = best;
            }
        }
        return new QualityCurve(Arrays.copyOf(xs, m), Arrays.copyOf(ys, m));
    }

    /**
     * The oracle's curve: queries go to the cloud in order of how much the cloud answer gains over the
     * local one, so accuracy climbs by the largest gains first.
     */
    public static QualityCurve oracle(Outcomes o) {
        int n = o.size();
        double[] gain = new double[n];
        double acc = 0;
        for (int i = 0; i < n; i++) {
            gain[i] = o.cloudQuality()[i] - o.localQuality()[i];
            acc += o.localQuality()[i];
        }
        Arrays.sort(gain);
        double[] xs = new double[n + 1], ys = new double[n + 1];
        ys[0] = acc / n;
        for (int k = 1; k <= n; k++) {
            acc += Math.max(0, gain[n - k]); // a loss is never taken: the oracle keeps that query local
            xs[k] = (double) k / n;
            ys[k] = acc / n;
        }
        return new QualityCurve(xs, ys);
    }

    /** Envelope accuracy at cloud share x in [0,1] (flat beyond the last point). */
    public double accuracyAt(double x) {
        if (x <= share[0]) return accuracy[0];
        int i = Arrays.binarySearch(share, x);
        if (i >= 0) return accuracy[i];
        int hi = -i - 1;
        if (hi >= share.length) return accuracy[share.length - 1];
        int lo = hi - 1;
        double f = (x - share[lo]) / (share[hi] - share[lo]);
        return accuracy[lo] + f * (accuracy[hi] - accuracy[lo]);
    }

    /**
     * Running-maximum APGR: the area under PGR versus cloud-call share of this envelope, by the trapezoid
     * rule on the 11 shares 0, 0.1, ..., 1.
     */
    public double apgr(References refs) {
        double area = 0;
        for (int k = 0; k < 10; k++) {
            area += (refs.pgr(accuracyAt(k / 10.0)) + refs.pgr(accuracyAt((k + 1) / 10.0))) / 2 / 10;
        }
        return area;
    }

    /** Running-maximum CPT(p): the smallest cloud-call share whose envelope recovers a fraction p of the gap; NaN if none. */
    public double cpt(References refs, double p) {
        double target = refs.accuracyAtPgr(p);
        if (accuracy[0] >= target) return share[0];
        for (int i = 1; i < share.length; i++) {
            if (accuracy[i] >= target) {
                return share[i - 1] + (target - accuracy[i - 1]) / (accuracy[i] - accuracy[i - 1]) * (share[i] - share[i - 1]);
            }
        }
        return Double.NaN;
    }
}
