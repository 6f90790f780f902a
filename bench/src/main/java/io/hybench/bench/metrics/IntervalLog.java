package io.hybench.bench.metrics;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.EnumMap;

/**
 * A standard HdrHistogram interval log (.hlog) of one step: one tagged interval histogram per metric
 * per interval, values in nanoseconds. Any HdrHistogram tool (HistogramLogProcessor, jHiccup
 * plotters) reads it, and logs from several runs or machines merge by adding histograms.
 */
public final class IntervalLog implements StepRecorders.IntervalSink, AutoCloseable {
    /** The legend's "Max" column is in milliseconds. */
    private static final double MAX_VALUE_UNIT_RATIO = 1e6;

    private final HistogramLogWriter writer;
    /**
     * Each metric's intervals are written through one copy of its own: HdrHistogram encodes through a buffer it keeps
     * per histogram (as large as the counts), which the intervals would otherwise each allocate (merged logs add fresh
     * histograms). Auto-resizing, so an interval's encoded range stays what its metric's values needed, as before.
     */
    private final EnumMap<Metric, Histogram> encoded = new EnumMap<>(Metric.class);

    public IntervalLog(Path file, long startEpochMs, String comment) {
        try {
            writer = new HistogramLogWriter(file.toFile());
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException(e);
        }
        writer.outputLogFormatVersion();
        writer.outputComment(comment);
        writer.outputComment("values in nanoseconds; tags: ttft itl tpot e2e send_lag schedule_lag");
        writer.setBaseTime(startEpochMs);
        writer.outputStartTime(startEpochMs);
        writer.outputBaseTime(startEpochMs);
        writer.outputLegend();
    }

    @Override
    public void accept(Metric metric, Histogram interval) {
        // Empty intervals are still written, so every interval has every tag and tools line them up.
        Histogram copy = encoded.computeIfAbsent(metric, m -> StepRecorders.newHistogram());
        copy.reset();
        copy.add(interval);
        copy.setTag(metric.tag());
        writer.outputIntervalHistogram((interval.getStartTimeStamp() - writer.getBaseTime()) / 1000.0,
                (interval.getEndTimeStamp() - writer.getBaseTime()) / 1000.0, copy, MAX_VALUE_UNIT_RATIO);
    }

    @Override
    public void close() {
        writer.close();
    }
}
