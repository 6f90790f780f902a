package io.hybench.bench.metrics;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordedBucketsTest {
    private static Histogram of(List<Long> values) {
        Histogram h = new Histogram(3);
        values.forEach(h::recordValue);
        return h;
    }

    @Property(tries = 200)
    void addingTheBucketsGivesWhatAddingTheHistogramGives(@ForAll @Size(max = 300) List<@LongRange(min = 0, max = 3_600_000_000_000L) Long> values,
                                                          @ForAll @Size(max = 50) List<@LongRange(min = 1, max = 10_000_000L) Long> already) {
        Histogram interval = of(values);
        RecordedBuckets buckets = RecordedBuckets.of(interval);
        assertEquals(interval, buckets.toHistogram(), "the same geometry and counts");
        assertEquals(interval.getTotalCount(), buckets.totalCount());

        Histogram added = of(already);
        added.add(interval);
        Histogram viaBuckets = of(already);
        buckets.addTo(viaBuckets);
        assertEquals(added, viaBuckets, "the same counts in a histogram that already held values");
        for (double p : new double[] {0, 50, 99, 99.9, 100}) {
            assertEquals(added.getValueAtPercentile(p), viaBuckets.getValueAtPercentile(p), "P" + p);
        }
    }

    @Test
    void aSecondOfManyValuesKeepsItsBucketsNotItsEmptyCounts() {
        Histogram second = new Histogram(3);
        for (long v = 1; v <= 50_000; v++) second.recordValue(15_000_000 + v * 97); // 15-20 ms, a token gap
        second.recordValue(3_600_000_000_000L); // one hour: the counts array spans it
        Histogram copy = RecordedBuckets.of(second).toHistogram();
        assertEquals(second, copy);
        assertEquals(second.getValueAtPercentile(99), copy.getValueAtPercentile(99));
        // a nanosecond to an hour at 3 significant digits is tens of thousands of 8-byte counts; two longs per recorded bucket
        long recorded = countRecorded(second);
        assertTrue(recorded * 16 < second.getEstimatedFootprintInBytes() / 10, recorded + " buckets against " + second.getEstimatedFootprintInBytes() + " bytes");
    }

    private static long countRecorded(Histogram h) {
        long n = 0;
        for (var ignored : h.recordedValues()) n++;
        return n;
    }
}
