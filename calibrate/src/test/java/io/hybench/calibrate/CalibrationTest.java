package io.hybench.calibrate;

import io.hybench.calibrate.CalibrationResult.Realised;
import io.hybench.calibrate.data.ScoreSense;
import io.hybench.calibrate.fit.Recalibration;
import io.hybench.calibrate.router.HybridRouterTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CalibrationTest {

    @Test
    void crossValidationPoolsEveryRowOnceAndReportsTheTargetMet() {
        CalibrationResult r = HybridRouterTest.calibrate(HybridRouterTest.steps(ScoreSense.HIGHER_MEANS_LOCAL),
                Recalibration.Method.NONE, 5, 0);
        List<Realised> cv = r.operatingPoints().get(0).realised();
        assertEquals(2, cv.size());
        Realised naive = cv.get(0);
        assertEquals("cross-validation", naive.split());
        assertEquals("naive", naive.choice());
        assertEquals(100, naive.rows());
        assertEquals(1.0, naive.figures().accuracy());
        // the fold holding row 30 (conf 0.30) learns "escalate below 0.31" from the others and escalates it
        assertEquals(0.69, naive.figures().shareLocal(), 1e-12);
        assertTrue(naive.verdict().objectiveMet());
        assertEquals(5, naive.verdict().foldsMet());
        assertEquals("risk-controlled", cv.get(1).choice());
    }

    @Test
    void holdoutRealisationIsReportedAgainstTheTarget() {
        CalibrationResult r = HybridRouterTest.calibrate(HybridRouterTest.steps(ScoreSense.HIGHER_MEANS_LOCAL),
                Recalibration.Method.NONE, 0, 0.3);
        Realised h = r.operatingPoints().get(0).realised().get(0);
        assertEquals("holdout", h.split());
        assertEquals(30, h.rows());
        assertEquals(1.0, h.accuracyTarget());
        assertEquals(1.0, h.figures().accuracy());
        assertTrue(h.verdict().objectiveMet());
        assertEquals(r.operatingPoints().get(0).heldOut().holdout().shareLocal(), h.figures().shareLocal());
    }

    @Test
    void summaryThinningKeepsEndsAndCounts() {
        CalibrationResult r = HybridRouterTest.calibrate(HybridRouterTest.steps(ScoreSense.HIGHER_MEANS_LOCAL),
                Recalibration.Method.NONE, 0, 0);
        assertEquals(101, r.curves().curve().size());
        CalibrationResult t = r.thinnedTo(3);
        assertEquals(List.of(r.curves().curve().get(0), r.curves().curve().get(50), r.curves().curve().get(100)), t.curves().curve());
        assertEquals(101, t.fullSizes().curvePoints());
        assertEquals(r.fullSizes().frontierPoints(), t.fullSizes().frontierPoints());
        assertEquals(r, r.thinnedTo(1000));
    }
}
