package io.hybench.reports.hdr;

import io.hybench.core.stats.ConfidenceInterval;
import io.hybench.core.stats.ConfidenceSpec;
import io.hybench.reports.pages.Estimate;
import io.hybench.reports.pages.MetricDelta;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IntervalBootstrapTest {
    private static final ConfidenceSpec SPEC = new ConfidenceSpec(400, 0.95);

    /** {@code seconds} one-second histograms of 40 log-normal values each (nanoseconds) around {@code medianMs}. */
    private static List<IntervalHistogram> seconds(int seconds, double medianMs, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<IntervalHistogram> out = new ArrayList<>();
        for (int s = 0; s < seconds; s++) {
            Histogram h = new Histogram(3);
            for (int i = 0; i < 40; i++) {
                double z = Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
                h.recordValue((long) (medianMs * 1e6 * Math.exp(0.4 * z)));
            }
            out.add(new IntervalHistogram(s, s + 1, h));
        }
        return out;
    }

    @Test
    void identicalSecondsLeaveNoRoomAroundThePercentile() {
        Histogram h = new Histogram(3);
        for (int v = 1; v <= 100; v++) h.recordValue(v * 1_000_000L);
        List<IntervalHistogram> same = new ArrayList<>();
        for (int s = 0; s < 10; s++) same.add(new IntervalHistogram(s, s + 1, h));
        ConfidenceInterval ci = IntervalBootstrap.percentileNanos(same, 50, SPEC, 1);
        assertEquals(h.getValueAtPercentile(50), ci.estimate());
        assertEquals(ci.estimate(), ci.lower());
        assertEquals(ci.estimate(), ci.upper());
    }

    @Test
    void tooFewSecondsGiveTheEstimateWithoutBounds() {
        ConfidenceInterval ci = IntervalBootstrap.percentileNanos(seconds(4, 20, 3), 50, SPEC, 1);
        assertTrue(ci.estimate() > 0);
        assertTrue(Double.isNaN(ci.lower()) && Double.isNaN(ci.upper()));
    }

    /** The case: a +30% TPOT between two single-repetition runs was "noise not measured"; now it is flagged. */
    @Test
    void aThirtyPercentSlowerMedianIsWorseBeyondNoise() {
        ConfidenceInterval baseline = IntervalBootstrap.percentileNanos(seconds(30, 20, 5), 50, SPEC, 1).scaled(1 / 1e6);
        ConfidenceInterval candidate = IntervalBootstrap.percentileNanos(seconds(30, 26, 6), 50, SPEC, 1).scaled(1 / 1e6);
        assertTrue(baseline.lower() < baseline.estimate() && baseline.estimate() < baseline.upper(), baseline.toString());
        MetricDelta d = new MetricDelta("t", 1, "TPOT P50 ms", false, new Estimate(baseline.estimate(), baseline.lower(), baseline.upper()),
                new Estimate(candidate.estimate(), candidate.lower(), candidate.upper()));
        assertEquals(MetricDelta.Verdict.WORSE, d.verdict(), d.toString());

        ConfidenceInterval rerun = IntervalBootstrap.percentileNanos(seconds(30, 20, 7), 50, SPEC, 1).scaled(1 / 1e6);
        MetricDelta same = new MetricDelta("t", 1, "TPOT P50 ms", false, new Estimate(baseline.estimate(), baseline.lower(), baseline.upper()),
                new Estimate(rerun.estimate(), rerun.lower(), rerun.upper()));
        assertEquals(MetricDelta.Verdict.WITHIN_NOISE, same.verdict(), "a rerun of the same server: " + same);
    }
}
