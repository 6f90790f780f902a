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

    /** Sends in flight at a moment: sent at or before it (arrival − lag), stamped at or after it. */
    @Test
    void largestLatenessAmongTheSendsInFlightAtAMoment() {
        IoLoops.LagHistory h = new IoLoops.LagHistory();
        h.add(10, 5);  // sent 5
        h.add(20, 3);  // sent 17
        h.add(30, 4);  // sent 26
        h.add(40, 1);  // sent 39
        assertEquals(0, h.maxAcross(12), "the first send had arrived and the next not yet left");
        assertEquals(3, h.maxAcross(18), "the send at 17 was in flight, though a largest-since drops it");
        assertEquals(5, h.maxAcross(10), "both ends count");
        assertEquals(4, h.maxAcross(26));
        assertEquals(0, h.maxAcross(41));
        h.add(100, 40); // sent 60: a pause held it
        h.add(101, 36); // sent 65, its tick's time, written after the pause
        assertEquals(40, h.maxAcross(62), "the send at 65 had not left yet");
        assertEquals(40, h.maxAcross(99), "both in flight: the larger");
    }

    @Test
    void aMomentOlderThanTheTicksKeptOneByOneFallsBackToTheLargestSince() {
        IoLoops.LagHistory h = new IoLoops.LagHistory();
        h.add(0, 900); // sent -900
        for (int i = 1; i <= IoLoops.LagHistory.RECENT; i++) h.add(i * 10L, 1);
        assertEquals(900, h.maxAcross(-1), "the tick at 0 is no longer kept one by one: the largest since stands in");
        assertEquals(1, h.maxAcross(10), "a moment within the kept ticks is exact");
    }

    @Test
    void aFullHistoryDropsItsOldestTick() {
        IoLoops.LagHistory h = new IoLoops.LagHistory();
        for (int i = 0; i < 1025; i++) h.add(i, 2000 - i); // strictly falling: every tick is kept until the bound
        assertEquals(1999, h.maxSince(0), "the tick at 0 (lateness 2000) was dropped; the next oldest answers");
        assertEquals(976, h.maxSince(1024));
    }
}
