package io.hybench.bench.client.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The largest tick lateness since a moment, by hand. */
class LagHistoryTest {
    @Test
    void largestLatenessAmongTheTicksSinceAMoment() {
        IoLoops.LagHistory h = new IoLoops.LagHistory();
        h.add(10, 5);
        h.add(20, 3);
        h.add(30, 4); // drops the tick at 20: never again a largest-since
        h.add(40, 1);
        assertEquals(5, h.maxSince(0));
        assertEquals(5, h.maxSince(10), "a tick at the moment itself counts");
        assertEquals(4, h.maxSince(11));
        assertEquals(4, h.maxSince(21), "the tick at 30 covers the 20 it dropped");
        assertEquals(1, h.maxSince(31));
        assertEquals(0, h.maxSince(41), "no tick since: nothing measured late");
    }

    @Test
    void largestLatenessAmongTheTicksOfAWindow() {
        IoLoops.LagHistory h = new IoLoops.LagHistory();
        h.add(10, 5);
        h.add(20, 3);
        h.add(30, 4);
        h.add(40, 1);
        assertEquals(3, h.maxBetween(11, 29), "the tick at 20 alone, though a largest-since drops it");
        assertEquals(4, h.maxBetween(20, 30), "both ends count");
        assertEquals(5, h.maxBetween(0, 10));
        assertEquals(1, h.maxBetween(31, 1_000));
        assertEquals(0, h.maxBetween(21, 29), "no tick in the window");
        assertEquals(0, h.maxBetween(41, 50));
    }

    @Test
    void aWindowOlderThanTheTicksKeptOneByOneFallsBackToTheLargestSince() {
        IoLoops.LagHistory h = new IoLoops.LagHistory();
        h.add(0, 900);
        for (int i = 1; i <= IoLoops.LagHistory.RECENT; i++) h.add(i * 10L, 1);
        assertEquals(900, h.maxBetween(0, 20), "the tick at 0 is no longer kept one by one: the largest since 0 stands in");
        assertEquals(1, h.maxBetween(10, 20), "a window within the kept ticks is exact");
    }

    @Test
    void aFullHistoryDropsItsOldestTick() {
        IoLoops.LagHistory h = new IoLoops.LagHistory();
        for (int i = 0; i < 1025; i++) h.add(i, 2000 - i); // strictly falling: every tick is kept until the bound
        assertEquals(1999, h.maxSince(0), "the tick at 0 (lateness 2000) was dropped; the next oldest answers");
        assertEquals(976, h.maxSince(1024));
    }
}
