package io.hybench.reports.hdr;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HistogramLogsTest {

    /** Writes intervals the way the load generator does: one Histogram per interval, tagged by metric. */
    private static void writeLog(Path file, long startMs, String tag, long[][] intervals) throws IOException {
        try (PrintStream out = new PrintStream(Files.newOutputStream(file))) {
            HistogramLogWriter w = new HistogramLogWriter(out);
            w.outputLogFormatVersion();
            w.outputStartTime(startMs);
            w.setBaseTime(startMs);
            w.outputLegend();
            for (int i = 0; i < intervals.length; i++) {
                Histogram h = new Histogram(3);
                for (long v : intervals[i]) h.recordValue(v);
                h.setStartTimeStamp(startMs + i * 1000L);
                h.setEndTimeStamp(startMs + (i + 1) * 1000L);
                h.setTag(tag);
                w.outputIntervalHistogram(h);
            }
        }
    }

    @Test
    void intervalsOfAllFilesAddUpToTheWholeAndKeepTheirTimes(@TempDir Path dir) throws IOException {
        long[][] a = {{1_000_000, 2_000_000}, {3_000_000}, {50_000_000}};
        long[][] b = {{4_000_000, 4_000_000, 9_000_000}};
        writeLog(dir.resolve("a.hlog"), 1_700_000_000_000L, "ttft", a);
        writeLog(dir.resolve("b.hlog"), 1_700_000_100_000L, "ttft", b);
        Map<String, MetricHistograms> logs = HistogramLogs.readFolder(dir);

        MetricHistograms ttft = logs.get("ttft");
        Histogram expected = new Histogram(3);
        for (long[][] file : List.of(a, b)) for (long[] interval : file) for (long v : interval) expected.recordValue(v);
        assertEquals(expected, ttft.merged());
        assertEquals(4, ttft.intervals().size());
        assertEquals(0.0, ttft.intervals().get(0).startSeconds(), 1e-9);
        assertEquals(2.0, ttft.intervals().get(2).startSeconds(), 1e-9);
        assertEquals(3.0, ttft.intervals().get(2).endSeconds(), 1e-9);
        assertArrayEquals(new double[] {0.5, 1.5, 2.5, 0.5}, ttft.intervalMidpointsSeconds(), 1e-9);
        // P100 of each interval: its largest value, in ms (within HdrHistogram's 3 significant digits).
        assertArrayEquals(new double[] {2, 3, 50, 9}, ttft.intervalValuesAtPercentileMs(100), 0.05);
    }

    @Test
    void untaggedIntervalsAreNamedAfterTheirFile(@TempDir Path dir) throws IOException {
        writeLog(dir.resolve("e2e.hlog"), 1_700_000_000_000L, null, new long[][] {{5_000_000}});
        assertEquals(List.of("e2e"), List.copyOf(HistogramLogs.readFolder(dir).keySet()));
    }

    @Test
    void spectrumEndsAtTheMaximumAndIsMonotone(@TempDir Path dir) throws IOException {
        long[] values = new long[1000];
        for (int i = 0; i < values.length; i++) values[i] = (i + 1) * 1_000_000L;
        writeLog(dir.resolve("itl.hlog"), 1_700_000_000_000L, "itl", new long[][] {values});
        PercentileSpectrum s = HistogramLogs.readFolder(dir).get("itl").spectrum();
        double[] p = s.percentiles();
        double[] v = s.valuesMs();
        assertEquals(1000, s.totalCount());
        assertEquals(100.0, p[p.length - 1], 1e-9);
        assertEquals(1000.0, s.maxMs(), 1.0);
        for (int i = 1; i < p.length; i++) assertTrue(p[i] >= p[i - 1] && v[i] >= v[i - 1], "not monotone at " + i);
        // Median of 1..1000 ms is 500 ms, to 3 significant digits.
        int median = 0;
        while (p[median] < 50) median++;
        assertEquals(500, v[median], 1.0);
    }

    @Test
    void aCorruptLineNamesTheFileAndLine(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("bad.hlog");
        writeLog(log, 1_700_000_000_000L, "ttft", new long[][] {{1_000_000}});
        Files.writeString(log, Files.readString(log) + "Tag=ttft,1.000,1.000,1.000,HISTFAAAAnotbase64!!\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HistogramLogs.readFolder(dir));
        assertEquals(log + ":5: not an interval histogram line: the histogram is corrupt or cut short", e.getMessage());
    }
}
