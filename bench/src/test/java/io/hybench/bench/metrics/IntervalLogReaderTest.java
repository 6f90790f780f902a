package io.hybench.bench.metrics;

import org.HdrHistogram.DoubleHistogram;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The .hlog reader gives what HdrHistogram's own reader gives, and names the file and line of a line it cannot read. */
class IntervalLogReaderTest {
    private static final long START_MS = 1_700_000_000_000L;

    /** Three seconds of two tags, as a step writes them. */
    private static Path stepLog(Path dir) throws IOException {
        Path file = Files.createDirectories(dir).resolve("step-00-emu.hlog");
        try (IntervalLog log = new IntervalLog(file, START_MS, "test")) {
            for (int second = 0; second < 3; second++) {
                for (Metric m : List.of(Metric.TTFT, Metric.E2E)) {
                    Histogram h = StepRecorders.newHistogram();
                    for (int i = 0; i <= second; i++) h.recordValue((m.ordinal() + 1) * 1_000_000L + i * 7_919L);
                    h.setStartTimeStamp(START_MS + second * 1000L);
                    h.setEndTimeStamp(START_MS + (second + 1) * 1000L);
                    log.accept(m, h);
                }
            }
        }
        return file;
    }

    private static List<Histogram> read(Path file) {
        List<Histogram> out = new ArrayList<>();
        IntervalLogReader.read(file, out::add);
        return out;
    }

    private static List<EncodableHistogram> readByHdrHistogram(Path file) throws IOException {
        List<EncodableHistogram> out = new ArrayList<>();
        try (HistogramLogReader reader = new HistogramLogReader(file.toFile())) {
            for (EncodableHistogram h = reader.nextIntervalHistogram(); h != null; h = reader.nextIntervalHistogram()) out.add(h);
        }
        return out;
    }

    private static void assertSameIntervals(List<EncodableHistogram> expected, List<Histogram> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            EncodableHistogram e = expected.get(i);
            Histogram a = actual.get(i);
            assertEquals(e, a, "interval " + i);
            assertEquals(e.getTag(), a.getTag(), "interval " + i);
            assertEquals(e.getStartTimeStamp(), a.getStartTimeStamp(), "interval " + i);
            assertEquals(e.getEndTimeStamp(), a.getEndTimeStamp(), "interval " + i);
        }
    }

    @Test
    void aStepLogReadsAsHdrHistogramReadsIt(@TempDir Path dir) throws IOException {
        Path file = stepLog(dir);
        List<Histogram> intervals = read(file);
        assertEquals(6, intervals.size());
        assertEquals("e2e", intervals.get(5).getTag());
        assertEquals(START_MS + 2000, intervals.get(5).getStartTimeStamp());
        assertEquals(3, intervals.get(5).getTotalCount());
        assertSameIntervals(readByHdrHistogram(file), intervals);
    }

    /** Another tool's log: untagged, no BaseTime header, timestamps relative to the StartTime. */
    @Test
    void anUntaggedLogWithoutBaseTimeReadsAsHdrHistogramReadsIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("e2e.hlog");
        try (PrintStream out = new PrintStream(Files.newOutputStream(file))) {
            HistogramLogWriter w = new HistogramLogWriter(out);
            w.outputStartTime(START_MS);
            w.setBaseTime(START_MS);
            w.outputLegend();
            for (int i = 0; i < 2; i++) {
                Histogram h = new Histogram(3);
                h.recordValue(5_000_000L * (i + 1));
                h.setStartTimeStamp(START_MS + i * 1000L);
                h.setEndTimeStamp(START_MS + (i + 1) * 1000L);
                w.outputIntervalHistogram(h);
            }
        }
        List<Histogram> intervals = read(file);
        assertEquals(START_MS + 1000, intervals.get(1).getStartTimeStamp());
        assertEquals(null, intervals.get(1).getTag());
        assertSameIntervals(readByHdrHistogram(file), intervals);
    }

    /** The step log with its last line (its last interval) replaced; what the reader then says. */
    private static String damagedLastLine(Path dir, UnaryOperator<String> damage) throws IOException {
        Path file = stepLog(dir);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(lines.size() - 1, damage.apply(lines.getLast()));
        Files.writeString(file, String.join("\n", lines));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(file));
        String where = file + ":" + lines.size() + ": not an interval histogram line: ";
        assertTrue(e.getMessage().startsWith(where), e.getMessage());
        return e.getMessage().substring(where.length());
    }

    private static int payloadStart(String line) {
        return line.lastIndexOf(',') + 1;
    }

    /**
     * A file cut short inside the last interval's histogram: HdrHistogram's reader throws a bare BufferUnderflowException,
     * ArrayIndexOutOfBoundsException or UnsupportedOperationException, by where the cut falls.
     */
    @Test
    void aHistogramCutShortIsNamedByFileAndLine(@TempDir Path dir) throws IOException {
        for (int keepPercent : new int[] {10, 50, 90}) {
            assertEquals("the histogram is corrupt or cut short",
                    damagedLastLine(dir.resolve("cut" + keepPercent), l -> {
                        int payload = payloadStart(l);
                        return l.substring(0, payload + (l.length() - payload) * keepPercent / 100);
                    }), "kept " + keepPercent + "% of the histogram");
        }
    }

    /** A histogram whose compressed bytes are damaged: HdrHistogram's reader ends the log there without a word. */
    @Test
    void aHistogramThatDoesNotInflateIsNamedByFileAndLine(@TempDir Path dir) throws IOException {
        Path whole = stepLog(dir.resolve("whole"));
        String last = Files.readAllLines(whole).getLast();
        byte[] bytes = Base64.getDecoder().decode(last.substring(payloadStart(last)));
        for (int i = 10; i < bytes.length; i++) bytes[i] = (byte) 0xff; // past the cookie, the length and zlib's header
        String damaged = last.substring(0, payloadStart(last)) + Base64.getEncoder().encodeToString(bytes);
        Files.writeString(whole, Files.readString(whole).replace(last, damaged));
        assertEquals(5, readByHdrHistogram(whole).size(), "HdrHistogram's reader drops the damaged interval silently");

        assertEquals("the histogram is corrupt or cut short", damagedLastLine(dir.resolve("damaged"), l -> damaged));
    }

    @Test
    void aLineCutShortOrWithABadNumberIsNamedByFileAndLine(@TempDir Path dir) throws IOException {
        assertEquals("expected [Tag=NAME,]START,LENGTH,MAX,HISTOGRAM, got 2 fields (cut short?)",
                damagedLastLine(dir.resolve("fields"), l -> l.substring(0, l.indexOf(",1.000,") + 6)));
        assertEquals("LENGTH '1.0x0' is not a number", damagedLastLine(dir.resolve("number"), l -> l.replace(",1.000,", ",1.0x0,")));
    }

    @Test
    void aLogOfDoubleHistogramsIsRefusedNamingTheLine(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            HistogramLogWriter w = new HistogramLogWriter(out);
            w.outputLegend();
            DoubleHistogram h = new DoubleHistogram(3);
            h.recordValue(1.5);
            w.outputIntervalHistogram(0, 1, h);
        }
        Path file = Files.write(dir.resolve("d.hlog"), bytes.toByteArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(file));
        assertEquals(file + ":2: not an interval histogram line: holds a DoubleHistogram; hybench logs integer nanoseconds (Histogram)",
                e.getMessage());
    }
}
