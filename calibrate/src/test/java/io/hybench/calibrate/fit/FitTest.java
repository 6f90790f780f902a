package io.hybench.calibrate.fit;

import io.hybench.calibrate.cost.CostUnit;
import io.hybench.calibrate.policy.CurvePoint;
import io.hybench.calibrate.policy.Outcomes;
import io.hybench.calibrate.policy.Pareto;
import io.hybench.calibrate.policy.Policy;
import io.hybench.calibrate.policy.ThresholdSweep;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FitTest {
    static CurvePoint pt(double cost, double acc) {
        return new CurvePoint(new Policy.Cascade(0, cost), 0, acc, cost, Double.NaN);
    }

    @Test
    void hullDropsPointsBelowTheChordAndMixes() {
        List<CurvePoint> frontier = List.of(pt(0, 0.5), pt(1, 0.6), pt(2, 0.9), pt(4, 1.0));
        List<CurvePoint> hull = Hull.upper(frontier);
        assertEquals(List.of(0.0, 2.0, 4.0), hull.stream().map(CurvePoint::costPer1k).toList());
        Hull.Mixture m = Hull.cheapestReaching(hull, 0.8).orElseThrow();
        assertEquals(0.75, m.pUpper(), 1e-12); // 0.5 + 0.75 * 0.4 = 0.8
        assertEquals(1.5, m.costPer1k(), 1e-12);
        assertTrue(Hull.cheapestReaching(hull, 1.01).isEmpty());
    }

    @Test
    void aurocWithTiesByHand() {
        // positives at 0.9, 0.5; negatives at 0.5, 0.1: pairs (0.9>0.5, 0.9>0.1, 0.5=0.5 half, 0.5>0.1) = 3.5 / 4
        assertEquals(0.875, ScoreQuality.auroc(new double[]{0.9, 0.5, 0.5, 0.1}, new double[]{1, 1, 0, 0}), 1e-12);
    }

    @Test
    void brierAndEceByHand() {
        ScoreQuality q = ScoreQuality.of(new double[]{0.95, 0.95, 0.15, 0.15}, new double[]{1, 0, 0, 0}, 10);
        assertEquals((0.0025 + 0.9025 + 0.0225 + 0.0225) / 4, q.brier(), 1e-12);
        // bin [0.9,1): mean 0.95 vs 0.5; bin [0.1,0.2): 0.15 vs 0
        assertEquals(0.5 * 0.45 + 0.5 * 0.15, q.ece(), 1e-12);
        assertEquals(2, q.reliability().size());
    }

    @Test
    void generatedDataRecoversTheKnownOptimum() {
        // 1,000 rows, score i/1000; local is right exactly when score >= 0.3, cloud always right.
        int n = 1000;
        double[] s = new double[n], lq = new double[n], cq = new double[n], lc = new double[n], cc = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = i / 1000.0;
            lq[i] = s[i] >= 0.3 ? 1 : 0;
            cq[i] = 1;
            cc[i] = 0.01;
        }
        Outcomes o = new Outcomes(lq, cq, lc, cc, new double[n], new double[n], new double[][]{s}, CostUnit.USD);
        List<CurvePoint> curve = ThresholdSweep.cascade(o, 0);
        References refs = References.of(o);
        CurvePoint best = new Objective.MinAccuracy(1.0).choose(curve, refs).orElseThrow();
        assertEquals(new Policy.Cascade(0, 0.3), best.policy());
        assertEquals(0.7, best.shareLocal(), 1e-12);
        assertEquals(3.0, best.costPer1k(), 1e-9); // 300 escalations x $0.01 per 1,000 queries
        assertEquals(best, new Objective.MinPgr(1.0).choose(curve, refs).orElseThrow());
        assertEquals(best, new Objective.MinLocalShare(0.7).choose(curve, refs).orElseThrow());
        assertEquals(best, new Objective.CostBudget(3.0).choose(curve, refs).orElseThrow());
        assertTrue(Pareto.frontier(curve).contains(best));
        // the oracle gets the same accuracy with no local cost at all: its figures are facts of the data
        assertEquals(1.0, refs.oracle().accuracy());
        assertEquals(0.7, refs.oracle().shareLocal(), 1e-12);
        // risk control certifies accuracy >= 0.99 at delta 0.05 with a margin: costlier than the naive 0.99 point
        CurvePoint naive = new Objective.MinAccuracy(0.99).choose(curve, refs).orElseThrow();
        assertEquals(new Policy.Cascade(0, 0.29), naive.policy());
        RiskControl.Choice rc = RiskControl.choose(curve, n, true, 0.99, 0.05).orElseThrow();
        assertTrue(rc.point().costPer1k() > naive.costPer1k());
        assertTrue(rc.point().accuracy() > 0.99);
        assertTrue(rc.pValue() <= 0.05);
    }

    @Test
    void binomialPValueByHand() {
        // 10 of 10 right against target 0.9: P(Bin(10, 0.9) >= 10) = 0.9^10
        assertEquals(Math.pow(0.9, 10), RiskControl.pValue(1.0, 10, true, 0.9), 1e-12);
        assertEquals(Math.exp(-2 * 100 * 0.01), RiskControl.pValue(0.9, 100, false, 0.8), 1e-12);
        assertEquals(1.0, RiskControl.pValue(0.7, 100, false, 0.8));
    }

    @Test
    void bootstrapIsSeededAndBracketsThePoint() {
        int n = 500;
        double[] q = new double[n], c = new double[n], lat = new double[n];
        boolean[] local = new boolean[n];
        for (int i = 0; i < n; i++) {
            q[i] = i % 4 == 0 ? 0 : 1;
            c[i] = i % 2;
            local[i] = i % 2 == 0;
        }
        var rows = new io.hybench.calibrate.policy.RoutedRows(new Policy.Cascade(0, 0), q, c, lat, local);
        Bootstrap.Result a = Bootstrap.of(rows, 400, 7, 0.95, 0.75);
        assertEquals(a, Bootstrap.of(rows, 400, 7, 0.95, 0.75));
        assertTrue(a.accuracy().lower() < 0.75 && 0.75 < a.accuracy().upper());
        assertTrue(a.costPer1k().lower() < 500 && 500 < a.costPer1k().upper());
        // the point estimate sits at the target, so about half the resamples meet it
        assertTrue(a.probabilityTargetMet() > 0.3 && a.probabilityTargetMet() < 0.7, "p=" + a.probabilityTargetMet());
    }

    @Test
    void bootstrapIndicesAreUniform() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        for (int k = 0; k < 1000; k++) assertEquals(0, Bootstrap.index(rng, 1));
        for (int n : new int[]{2, 7, 1000, 1 << 30, Integer.MAX_VALUE}) {
            int bins = Math.min(n, 50);
            long[] counts = new long[bins];
            for (int k = 0; k < 200_000; k++) {
                int i = Bootstrap.index(rng, n);
                assertTrue(i >= 0 && i < n);
                counts[(int) ((long) i * bins / n)]++;
            }
            double[] expected = new double[bins];
            for (int b = 0; b < bins; b++) {
                long lo = ((long) b * n + bins - 1) / bins, hi = ((long) (b + 1) * n + bins - 1) / bins; // indices i with floor(i*bins/n) == b
                expected[b] = 200_000.0 * (hi - lo) / n;
            }
            double p = new org.apache.commons.math3.stat.inference.ChiSquareTest().chiSquareTest(expected, counts);
            assertTrue(p > 1e-4, "n=" + n + " p=" + p);
        }
    }

    /** One row of 1 among n zeros: its resampled count must follow Bin(n, 1/n), Poisson part and top-up together. */
    @Test
    void bootstrapResamplesAreMultinomial() {
        for (int n : new int[]{3, 100, 5000}) {
            double[] q = new double[n];
            q[n / 2] = 1;
            var rows = new io.hybench.calibrate.policy.RoutedRows(null, q, new double[n], new double[n], new boolean[n]);
            int resamples = 20_000;
            double[] acc = Bootstrap.sample(rows, resamples, 11).accuracy();
            int last = Math.min(n, 4); // counts 0 .. last-1, then "last or more"
            long[] counts = new long[last + 1];
            for (double a : acc) counts[(int) Math.min(last, Math.round(a * n))]++;
            var bin = new org.apache.commons.math3.distribution.BinomialDistribution(null, n, 1.0 / n);
            double[] expected = new double[last + 1];
            for (int k = 0; k < last; k++) expected[k] = resamples * bin.probability(k);
            expected[last] = resamples * (1 - bin.cumulativeProbability(last - 1));
            double p = new org.apache.commons.math3.stat.inference.ChiSquareTest().chiSquareTest(expected, counts);
            assertTrue(p > 1e-4, "n=" + n + " p=" + p + " counts=" + java.util.Arrays.toString(counts));
        }
    }

    @Test
    void poissonTableEndsAtOneAndMatchesThePmf() {
        double[] cdf = Bootstrap.poissonCdf(0.9);
        assertEquals(1.0, cdf[cdf.length - 1]);
        assertEquals(Math.exp(-0.9), cdf[0], 1e-15);
        assertEquals(Math.exp(-0.9) * (1 + 0.9 + 0.405), cdf[2], 1e-15);
        assertEquals(1, Bootstrap.poissonCdf(0).length);
    }
}
