package io.hybench.calibrate.policy;

import io.hybench.calibrate.cost.CostUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThresholdSweepPropertiesTest {

    @Provide
    Arbitrary<Outcomes> outcomes() {
        return Arbitraries.integers().between(1, 25).flatMap(n -> Combinators.combine(
                column(n, Arbitraries.of(0.0, 1.0, 0.5)), column(n, Arbitraries.of(0.0, 1.0)),
                column(n, Arbitraries.doubles().between(0, 2)), column(n, Arbitraries.doubles().between(0, 20)),
                column(n, Arbitraries.doubles().between(10, 200)), column(n, Arbitraries.doubles().between(100, 900)),
                column(n, Arbitraries.of(0.0, 0.25, 0.5, 0.75, 1.0)), column(n, Arbitraries.of(-1.0, 0.0, 0.3, 2.0)))
                .as((lq, cq, lc, cc, ll, cl, s1, s2) -> new Outcomes(lq, cq, lc, cc, ll, cl, new double[][]{s1, s2}, CostUnit.USD)));
    }

    private static Arbitrary<double[]> column(int n, Arbitrary<Double> values) {
        return values.list().ofSize(n).map(l -> l.stream().mapToDouble(Double::doubleValue).toArray());
    }

    @Property(tries = 200)
    void cascadeSweepEqualsBruteForce(@ForAll("outcomes") Outcomes o) {
        for (CurvePoint p : ThresholdSweep.cascade(o, 0)) assertSame(o.evaluate(p.policy()), p);
    }

    @Property(tries = 200)
    void preRouteSweepEqualsBruteForce(@ForAll("outcomes") Outcomes o) {
        for (CurvePoint p : ThresholdSweep.preRoute(o, 1)) assertSame(o.evaluate(p.policy()), p);
    }

    @Property(tries = 100)
    void twoStageSweepEqualsBruteForceAndCoversTheGrid(@ForAll("outcomes") Outcomes o) {
        List<CurvePoint> curve = ThresholdSweep.twoStage(o, 1, 0, 100);
        for (CurvePoint p : curve) assertSame(o.evaluate(p.policy()), p);
        // every (u, t) pair is dominated by or equal to a returned point
        for (double u : ThresholdSweep.thresholdGrid(o.scores()[1], 100)) {
            for (double t : ThresholdSweep.thresholdGrid(o.scores()[0], 100)) {
                CurvePoint b = o.evaluate(new Policy.TwoStage(1, u, 0, t));
                assertTrue(curve.stream().anyMatch(p -> p.costPer1k() <= b.costPer1k() + 1e-9 && p.accuracy() >= b.accuracy() - 1e-9));
            }
        }
    }

    @Property(tries = 200)
    void everyDistinctOutcomeIsOnTheCurveAndLocalShareFalls(@ForAll("outcomes") Outcomes o) {
        List<CurvePoint> curve = ThresholdSweep.cascade(o, 0);
        assertEquals(o.evaluate(new Policy.Cascade(0, Double.NEGATIVE_INFINITY)).shareLocal(), curve.get(0).shareLocal());
        assertEquals(0.0, curve.get(curve.size() - 1).shareLocal());
        for (int i = 1; i < curve.size(); i++) {
            assertTrue(curve.get(i).shareLocal() < curve.get(i - 1).shareLocal(), "strictly fewer local at each distinct threshold");
            assertTrue(curve.get(i).costPer1k() >= curve.get(i - 1).costPer1k() - 1e-9, "cascade cost never falls as t rises");
        }
        assertEquals(o.size() == 0 ? 1 : java.util.Arrays.stream(o.scores()[0]).distinct().count() + 1, curve.size());
    }

    @Property(tries = 200)
    void paretoPointsAreUndominated(@ForAll("outcomes") Outcomes o) {
        List<CurvePoint> all = ThresholdSweep.preRoute(o, 0);
        List<CurvePoint> f = Pareto.frontier(all);
        for (CurvePoint p : f) {
            assertTrue(all.stream().noneMatch(q -> q.costPer1k() <= p.costPer1k() && q.accuracy() > p.accuracy()
                    || q.costPer1k() < p.costPer1k() && q.accuracy() >= p.accuracy()));
        }
        for (CurvePoint q : all) assertTrue(f.stream().anyMatch(p -> p.costPer1k() <= q.costPer1k() && p.accuracy() >= q.accuracy()));
    }

    private static void assertSame(CurvePoint brute, CurvePoint swept) {
        assertEquals(brute.shareLocal(), swept.shareLocal(), 1e-12);
        assertEquals(brute.accuracy(), swept.accuracy(), 1e-9);
        assertEquals(brute.costPer1k(), swept.costPer1k(), 1e-6);
        assertEquals(brute.latencyMs(), swept.latencyMs(), 1e-6);
    }
}
