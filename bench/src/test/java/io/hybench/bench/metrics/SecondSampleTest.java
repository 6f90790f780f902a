package io.hybench.bench.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SecondSampleTest {
    @Test
    void aShortLastIntervalJoinsTheOneBeforeWithoutASpike() {
        // 51 tokens in a whole second, then one 256-token request ending in a 78 ms tail: alone, the tail reads 3,282 tok/s
        SecondSample second = new SecondSample(2_000_000_000L, 1_000_000_000L, false, new SecondSample.Ended(3, 51, 1), 4, 0.10, null, null);
        SecondSample tail = new SecondSample(2_078_000_000L, 78_000_000L, false, new SecondSample.Ended(1, 256, 0), 0, 0.36, null, null);
        assertEquals(256 / 0.078, tail.outputTokensPerSecond(), 1e-9);

        SecondSample joined = second.joinedWith(tail);
        assertEquals(2_078_000_000L, joined.endNanos());
        assertEquals(1_078_000_000L, joined.intervalNanos());
        assertEquals(new SecondSample.Ended(4, 307, 1), joined.ended());
        assertEquals(0, joined.inFlight(), "the later sample's gauge");
        assertEquals((0.10 * 1.0 + 0.36 * 0.078) / 1.078, joined.harnessCpu(), 1e-12);
        assertEquals(307 / 1.078, joined.outputTokensPerSecond(), 1e-9);
    }
}
