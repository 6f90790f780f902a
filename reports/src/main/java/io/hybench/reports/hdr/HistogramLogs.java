package io.hybench.reports.hdr;

import io.hybench.bench.metrics.IntervalLogReader;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads standard HdrHistogram interval logs (the format of {@code HistogramLogWriter}, read with
 * {@link IntervalLogReader}) into one merged histogram per metric. Several files may hold the same
 * metric (runs or machines); their intervals are added, which is exact.
 */
public final class HistogramLogs {
    private static final String SUFFIX = ".hlog";

    private HistogramLogs() {
    }

    /** Reads every {@code *.hlog} file directly inside a result folder, in name order. */
    public static Map<String, MetricHistograms> readFolder(Path folder) {
        if (!Files.isDirectory(folder)) throw new IllegalArgumentException(folder + ": not a directory");
        try (var files = Files.list(folder)) {
            List<Path> logs = files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
            return read(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(folder + ": cannot list: " + e.getMessage(), e);
        }
    }

    /** Reads the given logs; intervals of the same metric across files are merged, in the given order. */
    public static Map<String, MetricHistograms> read(List<Path> logs) {
        Map<String, List<IntervalHistogram>> byMetric = new LinkedHashMap<>();
        for (Path log : logs) readOne(log, byMetric);
        Map<String, MetricHistograms> result = new LinkedHashMap<>();
        byMetric.forEach((metric, intervals) -> result.put(metric, new MetricHistograms(metric, intervals, sum(intervals))));
        return result;
    }

    private static void readOne(Path log, Map<String, List<IntervalHistogram>> byMetric) {
        String fileName = log.getFileName().toString();
        String untaggedMetric = fileName.endsWith(SUFFIX) ? fileName.substring(0, fileName.length() - SUFFIX.length()) : fileName;
        List<Histogram> raw = new ArrayList<>();
        IntervalLogReader.read(log, raw::add);
        long originMs = raw.stream().mapToLong(Histogram::getStartTimeStamp).min().orElse(0);
        for (Histogram h : raw) {
            String metric = h.getTag() == null ? untaggedMetric : h.getTag();
            byMetric.computeIfAbsent(metric, m -> new ArrayList<>()).add(new IntervalHistogram(
                    (h.getStartTimeStamp() - originMs) / 1000.0, (h.getEndTimeStamp() - originMs) / 1000.0, h));
        }
    }

    private static Histogram sum(List<IntervalHistogram> intervals) {
        Histogram total = new Histogram(intervals.getFirst().histogram().getNumberOfSignificantValueDigits());
        for (IntervalHistogram i : intervals) total.add(i.histogram());
        return total;
    }
}
