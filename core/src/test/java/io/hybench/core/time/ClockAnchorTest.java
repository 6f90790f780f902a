package io.hybench.core.time;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClockAnchorTest {
    @Test
    void sameBootComparesMonotonicTimesDirectly() {
        ClockAnchor run = new ClockAnchor(ClockAnchor.CLOCK, 1_000, 5_000, 99_000_000_000L, 40, "boot-a");
        ClockAnchor truth = new ClockAnchor(ClockAnchor.CLOCK, 400, 7_000, 12_000_000_000L, 40, "boot-a");
        // run time 250 is nanoTime 1,250, which is 850 after the truth's origin; the wall anchors do not matter
        assertEquals(850, run.toTimeOf(truth, 250));
        assertEquals(250, truth.toTimeOf(run, 850));
    }

    @Test
    void otherBootsAreLinkedThroughTheWallClock() {
        ClockAnchor run = new ClockAnchor(ClockAnchor.CLOCK, 1_000, 5_000, 100_000_000_000L, 40, "boot-a");
        ClockAnchor truth = new ClockAnchor(ClockAnchor.CLOCK, 2_000_000, 3_000_000, 100_000_010_000L, 40, "boot-b");
        // run time 9,000: nanoTime 10,000, 5,000 after its anchor: wall 100,000,005,000, which is 5,000 before the
        // truth's anchor: truth nanoTime 2,995,000, i.e. 995,000 after the truth's origin
        assertEquals(995_000, run.toTimeOf(truth, 9_000));
    }

    @Test
    void captureReadsBothClocksAtOnce() {
        long origin = System.nanoTime();
        ClockAnchor a = ClockAnchor.capture(origin);
        assertEquals(origin, a.originNanoTime());
        assertTrue(a.anchorNanoTime() >= origin);
        assertTrue(a.anchorSpanNanos() >= 0);
        assertTrue(Math.abs(a.anchorEpochNanos() / 1_000_000L - System.currentTimeMillis()) < 60_000, "wall clock in ns since 1970");
        assertTrue(a.sameClockAs(a) == (a.bootId() != null));
    }
}
