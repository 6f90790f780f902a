package io.hybench.bench.load;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HiccupMeterTest {
    @Test
    void latenessOutsideTheRangeIsClampedNotThrown() {
        Histogram h = new Histogram(HiccupMeter.HIGHEST_NANOS, 3);
        HiccupMeter.record(h, 3_600_000_000_000L); // a 1-hour stall: beyond the 10-minute range, kept as 10 minutes
        HiccupMeter.record(h, -1_000_000L);        // a clock that stepped back 1 ms: no lateness
        HiccupMeter.record(h, 2_000_000L);         // 2 ms late: kept as it is
        assertEquals(3, h.getTotalCount());
        assertEquals(0, h.getMinValue());
        assertEquals(1, h.getCountAtValue(2_000_000L));
        // 3 significant digits: 600,000,000,000 ns lands in a bucket of 2^29 ns (0.09%), reported as its highest equivalent
        assertEquals(600_000_000_000L, h.getMaxValue(), 600_000_000_000L * 0.001);
        assertEquals(1, h.getCountAtValue(600_000_000_000L));
    }
}
