package io.hybench.bench.metrics;

import org.HdrHistogram.DoubleHistogram;
import org.HdrHistogram.Histogram;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.function.Consumer;
import java.util.zip.DataFormatException;

/**
 * Reads an interval log (.hlog, HdrHistogram's log format, as {@link IntervalLog} or any HdrHistogram tool writes it) with the
 * timestamps {@code HistogramLogReader} gives, but a line it cannot read is bad input naming the file and line.
 * {@code HistogramLogReader} ends the log without a word at a malformed number or a payload that does not inflate, and
 * throws a bare decode error (BufferUnderflowException, ...) naming neither the file nor the line at one that is cut short.
 */
public final class IntervalLogReader {
    private static final String START_TIME = "#[StartTime:";
    private static final String BASE_TIME = "#[BaseTime:";
    private static final String LEGEND = "\"StartTimestamp\"";
    private static final String TAG = "Tag=";
    /** As HistogramLogReader: without a BaseTime header, timestamps more than a year before the StartTime are relative to it. */
    private static final double YEAR_SECONDS = 365 * 24 * 3600.0;

    private final Path file;
    private double startTimeSec;
    private boolean observedStartTime;
    private double baseTimeSec;
    private boolean observedBaseTime;

    private IntervalLogReader(Path file) {
        this.file = file;
    }

    /**
     * Hands every interval of the log to {@code each}, in order, with its tag and its start and end as epoch milliseconds.
     *
     * @throws IllegalArgumentException naming the file and line of a line that is not a valid interval or header
     */
    public static void read(Path file, Consumer<Histogram> each) {
        IntervalLogReader reader = new IntervalLogReader(file);
        try (BufferedReader in = Files.newBufferedReader(file)) {
            int lineNo = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                Histogram h = reader.line(line.strip(), lineNo);
                if (h != null) each.accept(h);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The interval on this line, or null for a header, comment or blank line. */
    private Histogram line(String line, int lineNo) {
        if (line.startsWith(START_TIME)) {
            startTimeSec = headerSeconds(line, START_TIME, lineNo);
            observedStartTime = true;
            return null;
        }
        if (line.startsWith(BASE_TIME)) {
            baseTimeSec = headerSeconds(line, BASE_TIME, lineNo);
            observedBaseTime = true;
            return null;
        }
        if (line.isEmpty() || line.startsWith("#") || line.startsWith(LEGEND)) return null;
        return interval(line, lineNo);
    }

    /** {@code [Tag=NAME,]START,LENGTH,MAX,PAYLOAD}: seconds, seconds, the legend's unit, base64 of the compressed histogram. */
    private Histogram interval(String line, int lineNo) {
        String tag = null;
        String rest = line;
        if (rest.startsWith(TAG)) {
            int comma = rest.indexOf(',');
            tag = rest.substring(TAG.length(), comma < 0 ? rest.length() : comma);
            rest = comma < 0 ? "" : rest.substring(comma + 1);
        }
        String[] fields = rest.split("[ ,]+");
        if (fields.length != 4 || fields[3].isEmpty()) {
            throw bad(lineNo, "expected [Tag=NAME,]START,LENGTH,MAX,HISTOGRAM, got " + (rest.isEmpty() ? 0 : fields.length) + " fields (cut short?)");
        }
        double logStartSec = number(fields[0], "START", lineNo);
        double lengthSec = number(fields[1], "LENGTH", lineNo);
        number(fields[2], "MAX", lineNo);
        Histogram h = decode(fields[3], lineNo);
        if (!observedStartTime) {
            startTimeSec = logStartSec;
            observedStartTime = true;
        }
        if (!observedBaseTime) {
            baseTimeSec = logStartSec < startTimeSec - YEAR_SECONDS ? startTimeSec : 0;
            observedBaseTime = true;
        }
        double startSec = logStartSec + baseTimeSec;
        h.setStartTimeStamp((long) (startSec * 1000.0));
        h.setEndTimeStamp((long) ((startSec + lengthSec) * 1000.0));
        h.setTag(tag);
        return h;
    }

    private Histogram decode(String payload, int lineNo) {
        byte[] bytes = null;
        try {
            bytes = Base64.getDecoder().decode(payload);
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
        } catch (DataFormatException | RuntimeException e) {
            // A cut-short payload underflows its buffer or runs off its array; a damaged one fails to inflate.
            throw bad(lineNo, bytes != null && isDoubleHistogram(bytes) ? "holds a DoubleHistogram; hybench logs integer nanoseconds (Histogram)"
                    : "the histogram is corrupt or cut short");
        }
    }

    private static boolean isDoubleHistogram(byte[] bytes) {
        try {
            DoubleHistogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
            return true;
        } catch (DataFormatException | RuntimeException e) {
            return false;
        }
    }

    private double number(String text, String field, int lineNo) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw bad(lineNo, field + " '" + text + "' is not a number");
        }
    }

    private double headerSeconds(String line, String header, int lineNo) {
        String value = line.substring(header.length()).strip().split("[ ,]", 2)[0];
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw bad(lineNo, header.substring(2, header.length() - 1) + " '" + value + "' is not a number of seconds");
        }
    }

    /** The line's problem alone: the decoder's own words (an array range, a zlib error) would not help the user. */
    private IllegalArgumentException bad(int lineNo, String problem) {
        return new IllegalArgumentException(file + ":" + lineNo + ": not an interval histogram line: " + problem);
    }
}
