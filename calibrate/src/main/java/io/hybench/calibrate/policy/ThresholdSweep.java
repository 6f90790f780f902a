package io.hybench.calibrate.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * Evaluates a policy at every distinct threshold exactly, after one sort of the scores
 * (O(n log n) for cascade and pre-routing).
 *
 * <p>Thresholds: with distinct scores v1 < ... < vk, the candidates are v1 (nobody leaves the local
 * path) through vk, then nextUp(vk) (everybody leaves). A threshold between two scores acts like the
 * next score up, so these k+1 points are every distinct outcome. Rows with equal scores always move
 * together: no threshold can split a tie, and none is reported that would.
 */
public final class ThresholdSweep {
    private ThresholdSweep() {
    }

    /** Cascade on score column {@code confidence}: the curve from all-local to all-escalated. */
    public static List<CurvePoint> cascade(Outcomes o, int confidence) {
        return sweep(o, confidence, Route.ESCALATED, t -> new Policy.Cascade(confidence, t));
    }

    /** Pre-routing on score column {@code router}: the curve from all-local to all-cloud. */
    public static List<CurvePoint> preRoute(Outcomes o, int router) {
        return sweep(o, router, Route.CLOUD, t -> new Policy.PreRoute(router, t));
    }

    private static List<CurvePoint> sweep(Outcomes o, int scoreColumn, Route leave, DoubleFunction<Policy> policy) {
        double[] s = o.scores()[scoreColumn];
        int n = s.length;
        int[] order = ScoreOrder.ascending(s);
        Sums sums = Sums.allLocal(o, i -> false);
        List<CurvePoint> out = new ArrayList<>(n + 1);
        out.add(sums.point(policy.apply(s[order[0]]), n));
        for (int i = 0; i < n; ) {
            double v = s[order[i]];
            int j = i;
            while (j < n && s[order[j]] == v) sums.move(o, order[j++], Route.LOCAL, leave);
            out.add(sums.point(policy.apply(j < n ? s[order[j]] : Math.nextUp(v)), n));
            i = j;
        }
        return out;
    }

    /**
     * Two-stage policy fitted jointly: for each pre-router threshold u on a grid (every distinct
     * router score plus the all-cloud threshold, or {@code maxRouterThresholds} of them taken at
     * evenly spaced ranks when there are more), the cascade threshold is swept exactly over the rows
     * the pre-router keeps. Only each u's cost/accuracy-efficient points are returned, so the result
     * stays O(grid x n) in time and small in memory.
     */
    public static List<CurvePoint> twoStage(Outcomes o, int router, int confidence, int maxRouterThresholds) {
        if (maxRouterThresholds < 2) throw new IllegalArgumentException("maxRouterThresholds must be >= 2");
        double[] p = o.scores()[router], c = o.scores()[confidence];
        int n = p.length;
        int[] confOrder = ScoreOrder.ascending(c);
        double[] routerThresholds = thresholdGrid(p, maxRouterThresholds);
        List<CurvePoint> out = new ArrayList<>();
        boolean[] toCloud = new boolean[n];
        for (double u : routerThresholds) {
            for (int i = 0; i < n; i++) toCloud[i] = p[i] < u;
            Sums sums = Sums.allLocal(o, i -> toCloud[i]);
            List<CurvePoint> curve = new ArrayList<>();
            curve.add(sums.point(new Policy.TwoStage(router, u, confidence, c[confOrder[0]]), n));
            for (int i = 0; i < n; ) {
                double v = c[confOrder[i]];
                int j = i;
                boolean moved = false;
                for (; j < n && c[confOrder[j]] == v; j++) {
                    if (toCloud[confOrder[j]]) continue;
                    sums.move(o, confOrder[j], Route.LOCAL, Route.ESCALATED);
                    moved = true;
                }
                double t = j < n ? c[confOrder[j]] : Math.nextUp(v);
                if (moved) curve.add(sums.point(new Policy.TwoStage(router, u, confidence, t), n));
                i = j;
            }
            out.addAll(Pareto.frontier(curve));
        }
        return out;
    }

    /** Every distinct score and nextUp(max) when they fit in {@code max}; else evenly spaced ones of them. */
    static double[] thresholdGrid(double[] scores, int max) {
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        int k = 0;
        for (double v : sorted) if (k == 0 || v != sorted[k - 1]) sorted[k++] = v; // == joins -0.0 and 0.0, as the policies do
        double[] distinct = Arrays.copyOf(sorted, k);
        double[] all = Arrays.copyOf(distinct, distinct.length + 1);
        all[distinct.length] = Math.nextUp(distinct[distinct.length - 1]);
        if (all.length <= max) return all;
        double[] grid = new double[max];
        for (int g = 0; g < max; g++) grid[g] = all[(int) Math.round((double) g * (all.length - 1) / (max - 1))];
        return grid;
    }

    /** Running totals while rows change route. */
    private static final class Sums {
        double quality, cost, latency;
        int local;

        static Sums allLocal(Outcomes o, java.util.function.IntPredicate toCloud) {
            Sums s = new Sums();
            for (int i = 0; i < o.size(); i++) {
                Route r = toCloud.test(i) ? Route.CLOUD : Route.LOCAL;
                if (r == Route.LOCAL) s.local++;
                s.quality += o.quality(i, r);
                s.cost += o.cost(i, r);
                s.latency += o.latency(i, r);
            }
            return s;
        }

        void move(Outcomes o, int i, Route from, Route to) {
            quality += o.quality(i, to) - o.quality(i, from);
            cost += o.cost(i, to) - o.cost(i, from);
            latency += o.latency(i, to) - o.latency(i, from);
            if (from == Route.LOCAL) local--;
            if (to == Route.LOCAL) local++;
        }

        CurvePoint point(Policy policy, int n) {
            return CurvePoint.of(policy, n, local, quality, cost, latency);
        }
    }
}
