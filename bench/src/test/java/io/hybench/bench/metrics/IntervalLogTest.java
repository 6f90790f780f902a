package io.hybench.bench.metrics;

import io.hybench.bench.client.ApiKind;
import io.hybench.bench.client.RequestRecord;
import io.hybench.bench.client.TokenCountSource;
import io.hybench.bench.results.ResultReader;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IntervalLogTest {

    private static RequestRecord record(long intended, long[] chunks, long end) {
        int[] counts = new int[chunks.length];
        java.util.Arrays.fill(counts, 1);
        return new RequestRecord("r", new RequestRecord.Destination("t", ApiKind.OPENAI, "m", "/x"),
                new RequestRecord.Timeline(intended, intended + 100, intended + 200, chunks.length == 0 ? null : chunks[0], chunks, counts, end),
                new RequestRecord.Tokens(3, TokenCountSource.SERVER, chunks.length, TokenCountSource.SERVER, false), new RequestRecord.Reply("stop", "", null, null), null, null);
    }

    @Test
    void intervalHistogramsInTheLogAddUpToTheStepTotal(@TempDir Path dir) {
        StepRecorders recorders = new StepRecorders();
        EnumMap<Metric, Histogram> direct = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) direct.put(m, new Histogram(3));
        SplittableRandom random = new SplittableRandom(11);
        Path file = dir.resolve("step.hlog");
        try (IntervalLog log = new IntervalLog(file, 1_700_000_000_000L, "test")) {
            for (int interval = 0; interval < 7; interval++) {
                int n = interval == 3 ? 0 : 50 + random.nextInt(200); // one empty interval
                for (int i = 0; i < n; i++) {
                    long intended = random.nextLong(1_000_000_000L);
                    long first = intended + 1_000_000 + random.nextLong(500_000_000L);
                    long[] chunks = {first, first + random.nextLong(1, 80_000_000L), first + 100_000_000L + random.nextLong(1, 80_000_000L)};
                    long end = chunks[2] + 1_000;
                    RequestRecord r = record(intended, chunks, end);
                    recorders.record(r);
                    long lag = random.nextLong(2_000_000L);
                    recorders.recordScheduleLag(lag);
                    direct.get(Metric.TTFT).recordValue(Metrics.ttftNanos(r).getAsLong());
                    Metrics.forEachItlNanos(r, direct.get(Metric.ITL)::recordValue);
                    direct.get(Metric.TPOT).recordValue(Math.round(Metrics.tpotNanos(r).getAsDouble()));
                    direct.get(Metric.E2E).recordValue(Metrics.e2eNanos(r).getAsLong());
                    direct.get(Metric.SEND_LAG).recordValue(Metrics.sendLagNanos(r));
                    direct.get(Metric.SCHEDULE_LAG).recordValue(lag);
                }
                long start = 1_700_000_000_000L + interval * 1000L;
                recorders.drainInterval(start, start + 1000, log);
            }
        }
        Map<Metric, Histogram> totals = recorders.totals();
        Map<Metric, Histogram> fromLog = ResultReader.histogramTotals(file);
        for (Metric m : Metric.values()) {
            List<Histogram> intervals = ResultReader.intervals(file, m);
            assertEquals(7, intervals.size(), m + ": every interval is logged, the empty one too");
            assertEquals(direct.get(m), totals.get(m), m + ": drained intervals add up to everything recorded");
            assertEquals(direct.get(m), fromLog.get(m), m + ": intervals read back from the .hlog add up to the total");
            assertTrue(direct.get(m).getTotalCount() > 0);
        }
    }

    /**
     * HdrHistogram encodes through a buffer it keeps per histogram, as large as the counts (here about 100 kB); written
     * as they came, fresh interval histograms (as a merged log's) each allocated one. Allocation is counted on this
     * thread alone, so other work on the machine does not move it.
     */
    @Test
    void writingAnIntervalDoesNotAllocateAnEncodingBufferPerInterval(@TempDir Path dir) {
        int intervals = 100;
        List<Histogram> fresh = new ArrayList<>();
        for (int i = 0; i < intervals; i++) {
            Histogram h = StepRecorders.newHistogram();
            h.recordValue(1_000_000 + i);
            h.setTag(Metric.ITL.tag());
            h.setStartTimeStamp(1_700_000_000_000L + i * 1000L);
            h.setEndTimeStamp(1_700_000_001_000L + i * 1000L);
            fresh.add(h);
        }
        int bufferBytes = fresh.getFirst().getNeededByteBufferCapacity();
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Path file = dir.resolve("step.hlog");
        long allocatedBytes;
        try (IntervalLog log = new IntervalLog(file, 1_700_000_000_000L, "test")) {
            log.accept(Metric.ITL, fresh.getFirst()); // the one buffer the log keeps
            long before = threads.getCurrentThreadAllocatedBytes();
            for (Histogram h : fresh.subList(1, intervals)) log.accept(Metric.ITL, h);
            allocatedBytes = threads.getCurrentThreadAllocatedBytes() - before;
        }
        assertTrue(bufferBytes > 50_000, "the buffer is as large as the counts: " + bufferBytes);
        assertTrue(allocatedBytes < (intervals - 1L) * bufferBytes / 4,
                "allocated " + allocatedBytes + " bytes for " + (intervals - 1) + " intervals with a " + bufferBytes + "-byte encoding buffer");
        List<Histogram> back = ResultReader.intervals(file, Metric.ITL);
        assertEquals(fresh, back, "every interval reads back as written");
    }
}
