package io.hybench.bench.metrics;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class StepRecordersTest {
    @Test
    void everyIntervalHistogramHasItsMetricsFixedRangeSoRecordingNeverResizes() {
        StepRecorders recorders = new StepRecorders();
        recorders.recordScheduleLag(1_000);
        EnumMap<Metric, Histogram> drained = new EnumMap<>(Metric.class);
        recorders.drainInterval(0, 1000, (m, h) -> drained.put(m, h.copy()));
        for (Metric m : Metric.values()) {
            Histogram h = drained.get(m);
            assertFalse(h.isAutoResize(), m + ": an auto-resizing recorder grows by throwing ArrayIndexOutOfBoundsException");
            assertEquals(m.range().newHistogram().getHighestTrackableValue(), h.getHighestTrackableValue(), m.toString());
        }
        assertEquals(TimeUnit.DAYS.toNanos(1), Metric.SCHEDULE_LAG.range().highestNanos());
        assertEquals(TimeUnit.HOURS.toNanos(1), Metric.ITL.range().highestNanos());
    }

    @Test
    void aLagBeyondTheRangeIsKeptAsItsTopAndANegativeOneAsZero() {
        StepRecorders recorders = new StepRecorders();
        recorders.recordScheduleLag(TimeUnit.DAYS.toNanos(3)); // beyond the one-day range: kept as a day
        recorders.recordScheduleLag(-5);                        // a clock that stepped back: no lag
        recorders.recordScheduleLag(2_000_000);                 // 2 ms: kept as it is
        recorders.drainInterval(0, 1000, (m, h) -> { });
        Histogram h = recorders.totals().get(Metric.SCHEDULE_LAG);
        assertEquals(3, h.getTotalCount());
        assertEquals(0, h.getMinValue());
        assertEquals(1, h.getCountAtValue(2_000_000));
        long day = TimeUnit.DAYS.toNanos(1);
        assertEquals(1, h.getCountAtValue(day));
        // 3 significant digits: a day lands in a bucket of 2^36 / 2048 ns (0.04%), reported as its highest equivalent
        assertEquals(day, h.getMaxValue(), day * 0.001);
    }

    @Test
    void valuesInRangeReadBackAsFromAnAutoResizingHistogram() {
        StepRecorders recorders = new StepRecorders();
        Histogram auto = StepRecorders.newHistogram();
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 20_000; i++) {
            long lag = Math.round(Math.exp(random.nextDouble(0, Math.log(TimeUnit.MINUTES.toNanos(10))))); // 1 ns .. 10 min
            recorders.recordScheduleLag(lag);
            auto.recordValue(lag);
        }
        recorders.drainInterval(0, 1000, (m, h) -> { });
        Map<Metric, Histogram> totals = recorders.totals();
        Histogram fixed = totals.get(Metric.SCHEDULE_LAG);
        assertEquals(auto, fixed);
        for (double p : new double[]{0, 1, 10, 50, 90, 99, 99.9, 99.99, 100}) {
            assertEquals(auto.getValueAtPercentile(p), fixed.getValueAtPercentile(p), "P" + p);
        }
        assertEquals(Metrics.percentiles(auto), Metrics.percentiles(fixed));
    }
}
