package io.hybench.reports.hdr;

import io.hybench.bench.metrics.IntervalLogReader;
import io.hybench.bench.metrics.RecordedBuckets;
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
        Map<String, Histogram> sums = new LinkedHashMap<>();
        for (Path log : logs) readOne(log, byMetric, sums);
        Map<String, MetricHistograms> result = new LinkedHashMap<>();
        byMetric.forEach((metric, intervals) -> result.put(metric, new MetricHistograms(metric, intervals, sums.get(metric))));
        return result;
    }

    /** Each interval is kept as its recorded buckets (decoded ones are mostly empty counts) and added into its metric's sum. */
    private static void readOne(Path log, Map<String, List<IntervalHistogram>> byMetric, Map<String, Histogram> sums) {
        String fileName = log.getFileName().toString();
        String untaggedMetric = fileName.endsWith(SUFFIX) ? fileName.substring(0, fileName.length() - SUFFIX.length()) : fileName;
        List<Interval> raw = new ArrayList<>();
        IntervalLogReader.read(log, h -> {
            String metric = h.getTag() == null ? untaggedMetric : h.getTag();
            sums.computeIfAbsent(metric, m -> new Histogram(h.getNumberOfSignificantValueDigits())).add(h);
            raw.add(new Interval(metric, h.getStartTimeStamp(), h.getEndTimeStamp(), RecordedBuckets.of(h)));
        });
        long originMs = raw.stream().mapToLong(Interval::startMs).min().orElse(0);
        for (Interval i : raw) {
            byMetric.computeIfAbsent(i.metric(), m -> new ArrayList<>()).add(new IntervalHistogram(
                    (i.startMs() - originMs) / 1000.0, (i.endMs() - originMs) / 1000.0, i.buckets()));
        }
    }

    /** An interval as read, before the log's origin is known. */
    private record Interval(String metric, long startMs, long endMs, RecordedBuckets buckets) {
    }
}
