package io.hybench.bench.metrics;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * A histogram kept as its recorded buckets only, for the many interval histograms a report or a shard merge holds. Decoded,
 * one second of a 1,024-user step's log is about 113 KB of mostly empty counts (3 significant digits from a
 * nanosecond to hours), so an hour-long step's six metrics held 2.4 GB (docs/performance.md, "Reports: interval
 * histograms as their recorded buckets"). Adding the buckets into a histogram gives the counts that adding the
 * histogram gives: each bucket is recorded at its lowest equivalent value, as {@link Histogram#add} does where the
 * two histograms' buckets differ.
 */
public final class RecordedBuckets {
    private final long[] values; // each recorded bucket's lowest equivalent value, ascending
    private final long[] counts;
    private final long totalCount;
    private final long lowestDiscernibleValue;
    private final long highestTrackableValue;
    private final int digits;
    private final boolean autoResize;

    private RecordedBuckets(long[] values, long[] counts, long totalCount, Histogram geometry) {
        this.values = values;
        this.counts = counts;
        this.totalCount = totalCount;
        this.lowestDiscernibleValue = geometry.getLowestDiscernibleValue();
        this.highestTrackableValue = geometry.getHighestTrackableValue();
        this.digits = geometry.getNumberOfSignificantValueDigits();
        this.autoResize = geometry.isAutoResize();
    }

    public static RecordedBuckets of(Histogram h) {
        int n = 0;
        for (HistogramIterationValue ignored : h.recordedValues()) n++;
        long[] values = new long[n];
        long[] counts = new long[n];
        int i = 0;
        for (HistogramIterationValue v : h.recordedValues()) {
            values[i] = h.lowestEquivalentValue(v.getValueIteratedTo());
            counts[i++] = v.getCountAtValueIteratedTo();
        }
        return new RecordedBuckets(values, counts, h.getTotalCount(), h);
    }

    public long totalCount() {
        return totalCount;
    }

    public int digits() {
        return digits;
    }

    /** Adds these counts into {@code into} (which grows where it resizes itself). */
    public void addTo(Histogram into) {
        for (int i = 0; i < values.length; i++) into.recordValueWithCount(values[i], counts[i]);
    }

    /** The histogram again, in its own geometry: its percentiles are the original's. A fresh copy each call. */
    public Histogram toHistogram() {
        Histogram h = new Histogram(lowestDiscernibleValue, highestTrackableValue, digits);
        h.setAutoResize(autoResize);
        addTo(h);
        return h;
    }
}
