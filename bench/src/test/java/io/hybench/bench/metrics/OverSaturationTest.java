package io.hybench.bench.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GuideLLM's over-saturation rule on points whose regressions are worked out by hand. */
class OverSaturationTest {
    private static final long S = 1_000_000_000L;
    /** Judged from the first second, every point kept, slopes from 3 points, no TTFT threshold. */
    private static final OverSaturation.Settings EAGER = new OverSaturation.Settings(0, 1000, 2.0, 0, 1.0, 3, 0.95);

    @Test
    void theConcurrencySlopeCountsOnceItsMarginOfErrorIsBelowTheThreshold() {
        OverSaturation osd = new OverSaturation(EAGER, 0);
        // in flight 1, 3, 2, 5, 4 at seconds 1..5
        assertNull(osd.sent(S, 1));
        assertNull(osd.sent(2 * S, 3));
        // (1,1) (2,3) (3,2): slope 0.5, RSS 1.5, se sqrt(1.5/1/2) = 0.866, t(0.975, 1) = 12.706: margin 22 relative
        assertNull(osd.sent(3 * S, 2));
        // (1..4): slope 5.5/5 = 1.1, RSS 8.75 - 30.25/5 = 2.7, se sqrt(2.7/2/5) = 0.5196, t(0.975, 2) = 4.3027: 2.03 > 2
        assertNull(osd.sent(4 * S, 5));
        // (1..5): slope 8/10 = 0.8, RSS 10 - 6.4 = 3.6, se sqrt(3.6/3/10) = 0.3464, t(0.975, 3) = 3.1824: 1.378 < 2
        OverSaturation.Verdict v = osd.sent(5 * S, 4);
        assertNotNull(v);
        assertEquals("overSaturation", v.reason());
        assertEquals(5000, v.atMs(), 1e-9);
        assertEquals(0.8, v.concurrencySlope(), 1e-12);
        assertEquals(3.182446 * Math.sqrt(0.12) / 0.8, v.concurrencyMoe(), 1e-5);
        assertEquals(5, v.concurrencyPoints());
        assertTrue(Double.isNaN(v.ttftSlopeMsPerS()), "too few answers to judge TTFT: concurrency alone decides, as in GuideLLM");
    }

    @Test
    void pointsWithinTheSameSecondsCountAsNoMoreThanTheSecondsElapsed() {
        OverSaturation osd = new OverSaturation(EAGER, 0);
        for (int i = 1; i <= 20; i++) assertNull(osd.sent(i * S / 10, i), "a perfect line, but 2 s are 2 points' worth of evidence");
        assertNotNull(osd.sent(3 * S, 30), "at 3 s, 3 points' worth: a slope of 10/s with no scatter");
    }

    @Test
    void ttftMustExceedItsThresholdForHalfTheAnswersAndGrowToo() {
        OverSaturation.Settings s = new OverSaturation.Settings(0, 1000, 2.0, 500, 1.0, 3, 0.95);
        OverSaturation fast = new OverSaturation(s, 0);
        for (int i = 1; i <= 6; i++) {
            assertNull(fast.ended(i * S, 100_000_000L), "TTFT 100 ms: no violation");
            assertNull(fast.sent(i * S, 2 * i), "concurrency grows, but the answers are fast");
        }
        OverSaturation shrinking = new OverSaturation(s, 0);
        for (int i = 1; i <= 6; i++) {
            assertNull(shrinking.ended(i * S, (7 - i) * S), "slow answers, but TTFT falls");
            assertNull(shrinking.sent(i * S, 2 * i));
        }
        OverSaturation growing = new OverSaturation(s, 0);
        OverSaturation.Verdict v = null;
        for (int i = 1; i <= 6 && v == null; i++) {
            v = growing.ended(i * S, i * S);
            if (v == null) v = growing.sent(i * S, 2 * i);
        }
        assertNotNull(v);
        assertEquals(1000, v.ttftSlopeMsPerS(), 1e-6, "TTFT 1, 2, 3 s at 1, 2, 3 s: +1000 ms per second");
        assertEquals(3, v.ttftViolations());
        assertEquals(3000, v.atMs(), 1e-9, "the first moment both windows hold 3 seconds' worth");
    }

    @Test
    void noVerdictBeforeMinSecondsAndOldPointsLeaveTheWindow() {
        OverSaturation.Settings s = new OverSaturation.Settings(10, 4, 2.0, 0, 1.0, 3, 0.95);
        OverSaturation osd = new OverSaturation(s, 100 * S);
        for (int i = 1; i <= 9; i++) assertNull(osd.sent(100 * S + i * S, i), "before 10 s");
        OverSaturation.Verdict v = osd.sent(110 * S, 10);
        assertNotNull(v);
        assertEquals(5, v.concurrencyPoints(), "points more than 4 s old left: 6..10 s");
    }

    @Test
    void settingsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new OverSaturation.Settings(0, 1, 2, 0, 1.5, 5, 0.95));
        assertThrows(IllegalArgumentException.class, () -> new OverSaturation.Settings(0, 1, 2, 0, 0.75, 2, 0.95));
        assertEquals(new OverSaturation.Settings(30, 120, 2.0, 2500, 0.75, 5, 0.95), OverSaturation.Settings.GUIDELLM);
    }
}
