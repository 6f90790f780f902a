package io.hybench.bench.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CollapseAnalysisTest {
    private static final CollapseCriteria C = CollapseCriteria.defaults(); // 0.95, 1.5, 0.10, 0.01

    private static SweepPoint p(double load, double tokS, double p99Ms, double err, boolean meets) {
        return new SweepPoint(load, tokS, p99Ms, err, meets);
    }

    @Test
    void slotLimitedServerSaturatesAtItsSlotCount() {
        // 4 slots, 2 s per request of 40 tokens: 20 tok/s per busy slot; beyond 4 users requests queue,
        // so P99 E2E grows in proportion to users (2 s x users/4): saturation, not collapse.
        List<SweepPoint> sweep = List.of(p(1, 20, 2000, 0, true), p(2, 40, 2000, 0, true), p(4, 80, 2010, 0, true),
                p(8, 80, 4020, 0, false), p(16, 79, 8050, 0, false));
        SweepAnalysis a = Metrics.analyzeSweep("ollama", sweep, C, true);
        assertEquals(4.0, a.saturationLoad());
        assertEquals(4.0, a.largestLoadMeetingSlos());
        assertNull(a.collapseLoad(), "latency growing with the queue (x2 per x2 users) is not collapse");
        assertEquals(List.of(), a.collapseReasons());
    }

    @Test
    void throughputStillGrowingMeansNoSaturationWithinTheSweep() {
        List<SweepPoint> sweep = List.of(p(1, 10, 100, 0, true), p(2, 20, 100, 0, true), p(4, 40, 100, 0, true), p(8, 80, 110, 0, true));
        SweepAnalysis a = Metrics.analyzeSweep("vllm", sweep, C, true);
        assertNull(a.saturationLoad());
        assertEquals(8.0, a.largestLoadMeetingSlos());
        assertNull(a.collapseLoad());
    }

    @Test
    void collapseByTailLatencyExplosion() {
        // 8 -> 16 users doubles load, but P99 goes 1000 -> 3500 ms (x3.5 > 1.5 x 2).
        List<SweepPoint> sweep = List.of(p(4, 100, 500, 0, true), p(8, 110, 1000, 0, true), p(16, 108, 3500, 0, false));
        SweepAnalysis a = Metrics.analyzeSweep("t", sweep, C, true);
        assertEquals(16.0, a.collapseLoad());
        assertEquals(List.of("tail latency exploded: P99 E2E x3.50 for load x2.00"), a.collapseReasons());
        assertEquals(8.0, a.largestLoadMeetingSlos());
    }

    @Test
    void collapseByThroughputFallAgainstTheBestLowerLoad() {
        // 60 is within 10% of 64 (the best so far) at 8; 50 at 16 is 21.9% below it.
        List<SweepPoint> sweep = List.of(p(2, 40, 100, 0, true), p(4, 64, 150, 0, true), p(8, 60, 300, 0, true), p(16, 50, 600, 0, true));
        SweepAnalysis a = Metrics.analyzeSweep("t", sweep, C, false);
        assertEquals(16.0, a.collapseLoad());
        assertEquals(List.of("throughput fell: 50.0 tok/s vs 64.0 at a lower load"), a.collapseReasons());
        assertEquals(4.0, a.saturationLoad(), "60.8 = 95% of the 64 peak: first reached at 4");
        assertNull(a.largestLoadMeetingSlos(), "no SLOs given: not evaluated");
    }

    @Test
    void collapseByRisingErrors() {
        List<SweepPoint> sweep = List.of(p(1, 10, 100, 0.0, true), p(2, 20, 100, 0.005, true), p(4, 38, 150, 0.20, false));
        SweepAnalysis a = Metrics.analyzeSweep("t", sweep, C, true);
        assertEquals(4.0, a.collapseLoad());
        assertEquals(List.of("errors rose: 20.0% of requests failed"), a.collapseReasons());
    }

    @Test
    void unsortedInputIsAnalyzedInLoadOrder() {
        List<SweepPoint> sweep = List.of(p(8, 80, 4020, 0, false), p(1, 20, 2000, 0, true), p(4, 80, 2010, 0, true), p(2, 40, 2000, 0, true));
        SweepAnalysis a = Metrics.analyzeSweep("t", sweep, C, true);
        assertEquals(4.0, a.saturationLoad());
        assertEquals(4.0, a.largestLoadMeetingSlos());
    }

    @Test
    void largestLoadMeetingSlosIsThePrefixThatMetThem() {
        List<SweepPoint> sweep = List.of(p(1, 10, 100, 0, true), p(2, 20, 100, 0, false), p(4, 40, 100, 0, true));
        assertEquals(1.0, Metrics.largestLoadMeetingSlos(sweep), "a pass above a failure is not relied on");
        assertNull(Metrics.largestLoadMeetingSlos(List.of(p(1, 10, 100, 0, false))));
        assertTrue(Metrics.analyzeSweep("t", List.of(), C, true).collapseReasons().isEmpty());
    }
}
