package io.hybench.calibrate.fit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecalibrationTest {

    @Test
    void isotonicPoolsViolatorsAndTies() {
        var iso = Recalibration.Isotonic.fit(new double[]{4, 2, 3, 1}, new double[]{1, 0, 1, 1});
        // sorted: 1->1, 2->0 violate and pool to 0.5; 3->1 and 4->1 pool (equal means) to 1
        assertArrayEquals(new double[]{2, 4}, iso.upperScores());
        assertArrayEquals(new double[]{0.5, 1}, iso.probabilities());
        assertEquals(0.5, iso.apply(-7));
        assertEquals(0.5, iso.apply(2));
        assertEquals(0.5, iso.apply(-0.0));
        assertEquals(1.0, iso.apply(2.5));
        assertEquals(1.0, iso.apply(99));

        var tied = Recalibration.Isotonic.fit(new double[]{1, 1, 2}, new double[]{1, 0, 0});
        assertArrayEquals(new double[]{2}, tied.upperScores());
        assertArrayEquals(new double[]{1.0 / 3}, tied.probabilities(), 1e-15);
    }

    @Test
    void isotonicIsMonotoneAndKeepsTheMean() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
        int n = 2000;
        double[] s = new double[n], q = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            s[i] = Math.round(rng.nextDouble() * 100) / 100.0;
            q[i] = rng.nextDouble() < s[i] ? 1 : 0;
            mean += q[i] / n;
        }
        var iso = Recalibration.Isotonic.fit(s, q);
        double fittedMean = 0;
        for (int i = 0; i < n; i++) fittedMean += iso.apply(s[i]) / n;
        assertEquals(mean, fittedMean, 1e-12, "PAV preserves the total");
        for (int j = 1; j < iso.probabilities().length; j++) assertTrue(iso.probabilities()[j] > iso.probabilities()[j - 1]);
    }

    @Test
    void plattWithTwoPointsHitsPlattsTargetsExactly() {
        // separable 0/1 data: targets 1/(0+... ) become 1/3 and 2/3, which two parameters fit exactly
        var p = Recalibration.Platt.fit(new double[]{0, 1}, new double[]{0, 1});
        assertEquals(1.0 / 3, p.apply(0), 1e-6);
        assertEquals(2.0 / 3, p.apply(1), 1e-6);
        assertEquals(2 * Math.log(2), p.slope(), 1e-5);
        assertEquals(-Math.log(2), p.intercept(), 1e-5);
    }

    @Test
    void plattSatisfiesTheLikelihoodEquations() {
        double[] s = {0.1, 0.4, 0.35, 0.8, 0.9, 0.2, 0.65, 0.5}, q = {0, 0.5, 0, 1, 1, 0.5, 1, 0};
        var p = Recalibration.Platt.fit(s, q);
        double ga = 0, gb = 0;
        for (int i = 0; i < s.length; i++) {
            double d = p.apply(s[i]) - q[i];
            ga += d * s[i];
            gb += d;
        }
        assertEquals(0, ga, 1e-6);
        assertEquals(0, gb, 1e-6);
        assertTrue(p.slope() > 0);
        var flat = Recalibration.Platt.fit(new double[]{3, 3, 3, 3}, new double[]{1, 0.5, 0, 0.5});
        assertEquals(0, flat.slope());
        assertEquals(0.5, flat.apply(3), 1e-9);
    }
}
