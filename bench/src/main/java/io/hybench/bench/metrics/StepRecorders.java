package io.hybench.bench.metrics;

import io.hybench.bench.client.RequestRecord;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.EnumMap;
import java.util.Map;

/**
 * One HdrHistogram interval {@link Recorder} per {@link Metric} for one step, over the metric's fixed
 * {@link Metric#range()} (values beyond it clamped), so recording never resizes. Request threads record
 * wait-free; one reporter thread calls {@link #drainInterval} about once a second, which hands back
 * the interval's histograms and adds them to the step's totals, so the totals are exactly the sum of
 * the logged intervals.
 */
public final class StepRecorders {
    /** Three significant digits: 0.1% value resolution, the HdrHistogram default for latency. */
    static final int SIGNIFICANT_DIGITS = 3;

    private final EnumMap<Metric, Recorder> recorders = new EnumMap<>(Metric.class);
    private final EnumMap<Metric, Histogram> totals = new EnumMap<>(Metric.class);
    private final EnumMap<Metric, Histogram> recycled = new EnumMap<>(Metric.class);

    public StepRecorders() {
        for (Metric m : Metric.values()) {
            recorders.put(m, m.range().newRecorder());
            totals.put(m, m.range().newHistogram());
        }
    }

    /**
     * An empty auto-resizing histogram of the precision every step records with, for adding up histograms
     * (intervals, shards, repetitions) of any range; recording goes through fixed ranges.
     */
    public static Histogram newHistogram() {
        return new Histogram(SIGNIFICANT_DIGITS);
    }

    /** Records every metric a measured request defines (see {@link Metrics}). */
    public void record(RequestRecord r) {
        Metrics.ttftNanos(r).ifPresent(v -> put(Metric.TTFT, v));
        Metrics.forEachItlNanos(r, v -> put(Metric.ITL, v));
        Metrics.tpotNanos(r).ifPresent(v -> put(Metric.TPOT, Math.round(v)));
        Metrics.e2eNanos(r).ifPresent(v -> put(Metric.E2E, v));
        put(Metric.SEND_LAG, Metrics.sendLagNanos(r));
    }

    /** Records how late the harness dispatched a measured request. */
    public void recordScheduleLag(long lagNanos) {
        put(Metric.SCHEDULE_LAG, lagNanos);
    }

    // Kept rather than lost: a negative duration (only a misbehaving clock) as 0, one beyond the range as its top.
    private void put(Metric m, long nanos) {
        recorders.get(m).recordValue(m.range().clamp(nanos));
    }

    /**
     * Takes the histograms recorded since the last call (one per metric), adds them to the totals and
     * passes them to {@code sink} before recycling them. Only one thread may call this.
     */
    public synchronized void drainInterval(long startEpochMs, long endEpochMs, IntervalSink sink) {
        for (Metric m : Metric.values()) {
            Histogram interval = recorders.get(m).getIntervalHistogram(recycled.get(m));
            interval.setStartTimeStamp(startEpochMs);
            interval.setEndTimeStamp(endEpochMs);
            interval.setTag(m.tag());
            totals.get(m).add(interval);
            sink.accept(m, interval);
            recycled.put(m, interval);
        }
    }

    /** Percentiles of one metric over everything drained so far (for live progress). */
    public synchronized Percentiles totalPercentiles(Metric m) {
        return Metrics.percentiles(totals.get(m));
    }

    /** Copies of the totals drained so far. */
    public synchronized Map<Metric, Histogram> totals() {
        EnumMap<Metric, Histogram> copy = new EnumMap<>(Metric.class);
        totals.forEach((m, h) -> copy.put(m, h.copy()));
        return copy;
    }

    /** Receives each drained interval histogram; it must not keep a reference (it is recycled). */
    @FunctionalInterface
    public interface IntervalSink {
        void accept(Metric metric, Histogram interval);
    }
}
