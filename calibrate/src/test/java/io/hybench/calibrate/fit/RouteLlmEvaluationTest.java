package io.hybench.calibrate.fit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** RouteLLM's APGR and CPT against figures worked out by hand from its evaluate.py and numpy's interp. */
class RouteLlmEvaluationTest {
    private static final double EPS = 1e-12;

    /**
     * Five queries with cloud preference 1..5; local right on queries 1 and 3, cloud right on 1-4 (weak 0.4,
     * strong 0.8). The qcut edges 1, 1.4, ..., 5 send the top 5, 4, 4, 3, 3, 3, 2, 2, 1, 1 and 0 queries to the
     * cloud; sorted by share the points are (0, .4) (.2, .4) (.2, .4) (.4, .6) (.4, .6) (.6, .6) x3 (.8, .8) x2 (1, .8).
     * AUC = .08 + .1 + .12 + .14 + .16 = .6, so APGR = (.6 - .4) / (.8 - .4) = .5.
     */
    private static final RouteLlmEvaluation FIVE = RouteLlmEvaluation.of(new double[] {1, 2, 3, 4, 5},
            new double[] {1, 0, 1, 0, 0}, new double[] {1, 1, 1, 1, 0}, 0.4, 0.8);

    @Test
    void apgrIsTheNormalisedTrapezoidOverTheDecileCutoffs() {
        assertEquals(0.5, FIVE.apgr(), EPS);
    }

    @Test
    void cptIsNumpysInterpolationOfShareAgainstAccuracy() {
        // 0.48 falls between accuracies 0.4 (share 0.2, index 2) and 0.6 (share 0.4): 0.2 + 0.08 / 0.2 * 0.2.
        assertEquals(0.28, FIVE.cpt(0.2), EPS);
        // 0.6 equals several accuracies; numpy's search lands on the last of them (index 7, share 0.6), not the first
        // share that reaches it (0.4): the definition as RouteLLM runs it, kept as it is.
        assertEquals(0.6, FIVE.cpt(0.5), EPS);
        assertEquals(0.72, FIVE.cpt(0.8), EPS);
    }

    @Test
    void numpyInterpolationOutsideAndOnUnsortedPoints() {
        assertEquals(15, RouteLlmEvaluation.interp(2.5, new double[] {1, 2, 3}, new double[] {0, 10, 20}), EPS);
        assertEquals(0, RouteLlmEvaluation.interp(0.5, new double[] {1, 2, 3}, new double[] {0, 10, 20}), EPS, "left: fp[0]");
        assertEquals(20, RouteLlmEvaluation.interp(4, new double[] {1, 2, 3}, new double[] {0, 10, 20}), EPS, "right: fp[-1]");
        // xp decreasing: numpy compares with the last element first (2.5 > 1) and answers fp[-1].
        assertEquals(2, RouteLlmEvaluation.interp(2.5, new double[] {3, 2, 1}, new double[] {0, 1, 2}), EPS);
    }

    @Test
    void qcutEdgesInterpolateBetweenOrderStatistics() {
        assertArrayEquals(new double[] {1, 2.5, 4}, RouteLlmEvaluation.quantiles(new double[] {4, 1, 3, 2}, 2), EPS);
    }

    /**
     * Cloud preference 1..4; the top query loses when sent to the cloud (local right, cloud wrong), the next two gain.
     * Edges 1, 1.3, ..., 4 give shares 1, .75 x3, .5 x3, .25 x3, 0 with accuracies .75, .5, .25, 0, .25: the curve
     * dips. AUC = .03125 + .03125 + .09375 + .15625 = .3125, APGR = (.3125 - .25) / .5 = .125, where the running
     * maximum (accuracies .25, .25, .25, .5, .75) would give .25.
     */
    @Test
    void aCurveThatDipsIsNotMadeMonotone() {
        double[] pref = {1, 2, 3, 4}, local = {0, 0, 0, 1}, cloud = {1, 1, 1, 0};
        RouteLlmEvaluation e = RouteLlmEvaluation.of(pref, local, cloud, 0.25, 0.75);
        assertEquals(0.125, e.apgr(), EPS);
        assertEquals(0.75, e.cpt(0.5), EPS, "numpy's search over the unsorted accuracies lands on index 9 (accuracy .5, share .75)");
        assertEquals(Double.NaN, RouteLlmEvaluation.of(pref, local, cloud, 0.5, 0.5).apgr(), "no gap to recover: undefined");
    }

    @Test
    void theOracleIsEvaluatedAtElevenShares() {
        // An oracle that recovers the whole gap by share 0.2 and stays there: PGR 0, .5, 1, 1, ... ; trapz = (.25 + .75 + 8) / 10.
        RouteLlmEvaluation o = RouteLlmEvaluation.atShares(x -> 0.4 + 0.4 * Math.min(1, x / 0.2), 0.4, 0.8);
        assertEquals(0.9, o.apgr(), EPS);
        assertEquals(0.04, o.cpt(0.2), EPS);
        assertEquals(0.1, o.cpt(0.5), EPS);
    }
}
