package io.hybench.reports.pages;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MetricDeltaTest {

    private static MetricDelta delta(boolean higherIsBetter, Estimate b, Estimate c) {
        return new MetricDelta("t", 4, "m", higherIsBetter, b, c);
    }

    @Test
    void differenceBeyondCombinedHalfWidthsIsAVerdict() {
        // Half-widths 3 and 4: noise sqrt(9 + 16) = 5. A change of 6 exceeds it, a change of 5 does not.
        MetricDelta up = delta(true, new Estimate(100, 97, 103), new Estimate(106, 102, 110));
        assertEquals(5.0, up.noise(), 1e-12);
        assertEquals(0.06, up.relativeDelta(), 1e-12);
        assertEquals(MetricDelta.Verdict.BETTER, up.verdict());
        assertEquals(MetricDelta.Verdict.WORSE, delta(false, new Estimate(100, 97, 103), new Estimate(106, 102, 110)).verdict());
        assertEquals(MetricDelta.Verdict.WITHIN_NOISE, delta(true, new Estimate(100, 97, 103), new Estimate(105, 101, 109)).verdict());
    }

    @Test
    void withoutIntervalsThereIsNoVerdict() {
        assertEquals(MetricDelta.Verdict.NOISE_UNKNOWN, delta(true, Estimate.point(100), new Estimate(150, 140, 160)).verdict());
        assertEquals(MetricDelta.Verdict.NOT_MEASURED, delta(true, Estimate.notMeasured(), Estimate.point(1)).verdict());
    }
}
