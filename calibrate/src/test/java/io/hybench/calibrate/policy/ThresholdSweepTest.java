package io.hybench.calibrate.policy;

import io.hybench.calibrate.cost.CostUnit;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ThresholdSweepTest {
    /** Rows A..D: score, local/cloud correct; local costs 1 and takes 100 ms, cloud 10 and 500 ms. */
    static Outcomes fourRows() {
        double[] s = {0.9, 0.5, 0.5, 0.2};
        return new Outcomes(new double[]{1, 0, 1, 0}, new double[]{1, 1, 0, 1}, new double[]{1, 1, 1, 1},
                new double[]{10, 10, 10, 10}, new double[]{100, 100, 100, 100}, new double[]{500, 500, 500, 500},
                new double[][]{s}, CostUnit.USD);
    }

    @Test
    void cascadeByHand() {
        List<CurvePoint> c = ThresholdSweep.cascade(fourRows(), 0);
        assertEquals(4, c.size());
        assertPoint(c.get(0), new Policy.Cascade(0, 0.2), 1.0, 0.5, 1000, 100);
        assertPoint(c.get(1), new Policy.Cascade(0, 0.5), 0.75, 0.75, 3500, 225);
        // the tie at 0.5 moves B and C together
        assertPoint(c.get(2), new Policy.Cascade(0, 0.9), 0.25, 0.75, 8500, 475);
        assertPoint(c.get(3), new Policy.Cascade(0, Math.nextUp(0.9)), 0.0, 0.75, 11000, 600);
    }

    @Test
    void preRoutePaysOneSide() {
        List<CurvePoint> c = ThresholdSweep.preRoute(fourRows(), 0);
        assertPoint(c.get(1), new Policy.PreRoute(0, 0.5), 0.75, 0.75, 3250, 200);
        assertPoint(c.get(3), new Policy.PreRoute(0, Math.nextUp(0.9)), 0.0, 0.75, 10000, 500);
    }

    @Test
    void paretoKeepsCheapestOfEqualAccuracy() {
        List<CurvePoint> f = Pareto.frontier(ThresholdSweep.cascade(fourRows(), 0));
        assertEquals(List.of(1000.0, 3500.0), f.stream().map(CurvePoint::costPer1k).toList());
    }

    @Test
    void twoStageByHand() {
        Outcomes o = fourRows();
        double[] router = {1, 1, 0, 1}; // sends C straight to the cloud when u > 0
        Outcomes two = new Outcomes(o.localQuality(), o.cloudQuality(), o.localCost(), o.cloudCost(), o.localLatencyMs(),
                o.cloudLatencyMs(), new double[][]{router, o.scores()[0]}, CostUnit.USD);
        CurvePoint p = two.evaluate(new Policy.TwoStage(0, 0.5, 1, 0.5));
        // C pre-routed (cloud wrong, cost 10, 500 ms); D escalated (cost 11, 600 ms); A, B local
        assertPoint(p, p.policy(), 0.5, 0.5, 1000 * (1 + 1 + 10 + 11) / 4.0, (100 + 100 + 500 + 600) / 4.0);
        assertEquals(true, ThresholdSweep.twoStage(two, 0, 1, 10).stream().anyMatch(q -> q.policy().equals(p.policy())
                || q.costPer1k() <= p.costPer1k() && q.accuracy() >= p.accuracy()));
    }

    static void assertPoint(CurvePoint p, Policy policy, double share, double acc, double cost, double lat) {
        assertEquals(policy, p.policy());
        assertEquals(share, p.shareLocal(), 1e-12);
        assertEquals(acc, p.accuracy(), 1e-12);
        assertEquals(cost, p.costPer1k(), 1e-9);
        assertEquals(lat, p.latencyMs(), 1e-9);
    }
}
