package io.hybench.calibrate.policy;

import io.hybench.calibrate.cost.CostUnit;
import io.hybench.calibrate.cost.QueryCosts;
import io.hybench.calibrate.data.LabeledDataset;
import io.hybench.calibrate.data.LabeledRow;

import java.util.List;

/**
 * The per-row facts a policy is judged on, column by column: quality, cost and latency of each side,
 * and the scores ({@code scores[s][i]} is score column s of row i). Latencies are NaN when unknown.
 */
public record Outcomes(double[] localQuality, double[] cloudQuality, double[] localCost, double[] cloudCost,
                       double[] localLatencyMs, double[] cloudLatencyMs, double[][] scores, CostUnit costUnit) {

    public static Outcomes of(LabeledDataset data, QueryCosts costs) {
        List<LabeledRow> rows = data.rows();
        int n = rows.size(), k = data.scoreNames().size();
        double[] lq = new double[n], cq = new double[n], ll = new double[n], cl = new double[n];
        double[][] s = new double[k][n];
        for (int i = 0; i < n; i++) {
            LabeledRow r = rows.get(i);
            lq[i] = r.local().quality();
            cq[i] = r.cloud().quality();
            ll[i] = r.local().latencyMs();
            cl[i] = r.cloud().latencyMs();
            for (int j = 0; j < k; j++) s[j][i] = r.scores()[j];
        }
        return new Outcomes(lq, cq, costs.local(), costs.cloud(), ll, cl, s, costs.unit());
    }

    public int size() {
        return localQuality.length;
    }

    /** Whether every row has both latencies, so expected latency is defined. */
    public boolean latencyKnown() {
        for (int i = 0; i < size(); i++) if (Double.isNaN(localLatencyMs[i]) || Double.isNaN(cloudLatencyMs[i])) return false;
        return true;
    }

    /** The same rows with other score columns (recalibrated ones). */
    public Outcomes withScores(double[][] newScores) {
        return new Outcomes(localQuality, cloudQuality, localCost, cloudCost, localLatencyMs, cloudLatencyMs, newScores, costUnit);
    }

    /** The rows at these indices (with repeats), as their own outcomes: splits and resamples. */
    public Outcomes subset(int[] idx) {
        double[][] s = new double[scores.length][];
        for (int j = 0; j < s.length; j++) s[j] = pick(scores[j], idx);
        return new Outcomes(pick(localQuality, idx), pick(cloudQuality, idx), pick(localCost, idx), pick(cloudCost, idx),
                pick(localLatencyMs, idx), pick(cloudLatencyMs, idx), s, costUnit);
    }

    private static double[] pick(double[] a, int[] idx) {
        double[] out = new double[idx.length];
        for (int i = 0; i < idx.length; i++) out[i] = a[idx[i]];
        return out;
    }

    double[] scoresOf(int i) {
        double[] out = new double[scores.length];
        for (int j = 0; j < out.length; j++) out[j] = scores[j][i];
        return out;
    }

    /** Quality, cost and latency of row i on a route. */
    double quality(int i, Route r) {
        return r == Route.LOCAL ? localQuality[i] : cloudQuality[i];
    }

    double cost(int i, Route r) {
        return switch (r) {
            case LOCAL -> localCost[i];
            case CLOUD -> cloudCost[i];
            case ESCALATED -> localCost[i] + cloudCost[i];
        };
    }

    double latency(int i, Route r) {
        return switch (r) {
            case LOCAL -> localLatencyMs[i];
            case CLOUD -> cloudLatencyMs[i];
            case ESCALATED -> localLatencyMs[i] + cloudLatencyMs[i];
        };
    }

    /** Each row's quality, cost, latency and whether it stayed local, under one policy (for resampling). */
    public RoutedRows route(Policy policy) {
        int n = size();
        double[] q = new double[n], c = new double[n], lat = new double[n];
        boolean[] local = new boolean[n];
        for (int i = 0; i < n; i++) {
            Route r = policy.route(scoresOf(i));
            local[i] = r == Route.LOCAL;
            q[i] = quality(i, r);
            c[i] = cost(i, r);
            lat[i] = latency(i, r);
        }
        return new RoutedRows(policy, q, c, lat, local);
    }

    /** Whether every quality on both sides is exactly 0 or 1. */
    public boolean binaryQuality() {
        for (int i = 0; i < size(); i++) {
            double l = localQuality[i], c = cloudQuality[i];
            if (l != 0 && l != 1 || c != 0 && c != 1) return false;
        }
        return true;
    }

    /** One policy applied row by row: the reference every sweep must agree with. */
    public CurvePoint evaluate(Policy policy) {
        int n = size();
        double q = 0, c = 0, lat = 0;
        int local = 0;
        for (int i = 0; i < n; i++) {
            Route r = policy.route(scoresOf(i));
            if (r == Route.LOCAL) local++;
            q += quality(i, r);
            c += cost(i, r);
            lat += latency(i, r);
        }
        return CurvePoint.of(policy, n, local, q, c, lat);
    }
}
