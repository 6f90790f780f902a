package io.hybench.bench.client.http;

import org.HdrHistogram.AtomicHistogram;
import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;

/**
 * How late the client's I/O threads take their arrival stamps, measured on those threads, process-wide
 * (docs/metrics.md, "Timing uncertainty"). Two parts, both in nanoseconds:
 * <ul>
 *   <li><b>in-batch delay</b>, per socket read: when the read returned minus the moment the event loop's wait
 *       for readiness ({@code epoll_wait}/{@code select}) returned with that socket among the ready ones.
 *       Reads of other sockets handled first in the same batch, and a GC pause mid-batch, show here. A
 *       socket's first read in a batch is stamped at the batch's start, so for it this is how early bytes
 *       that arrived during the batch may be stamped.</li>
 *   <li><b>loop lag</b>: how late each I/O thread stamps a socket that has become readable, measured with bytes
 *       a probe thread writes into a loopback connection on every loop every few milliseconds ({@link LoopLagProbe}).
 *       A socket that becomes readable while its loop is busy, descheduled or paused waits as long before the loop
 *       even looks at it.</li>
 * </ul>
 * A stamp can be late by both at once; {@code Metrics.timingUncertainty} turns a window's reading into a step's
 * uncertainty.
 */
public final class StampingDelay {
    private static final long HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(10);
    static final AtomicHistogram IN_BATCH = new AtomicHistogram(HIGHEST_NANOS, 3);
    static final AtomicHistogram LOOP_LAG = new AtomicHistogram(HIGHEST_NANOS, 3);

    private StampingDelay() {
    }

    static void record(AtomicHistogram h, long nanos) {
        h.recordValue(Math.min(HIGHEST_NANOS, Math.max(0, nanos)));
    }

    /** Starts counting: the reading of the returned window covers what is recorded from now on. */
    public static Window open() {
        return new Window(IN_BATCH.copy(), LOOP_LAG.copy());
    }

    /** The recordings since {@link #open}. */
    public static final class Window {
        private final Histogram inBatchAtOpen;
        private final Histogram loopLagAtOpen;

        private Window(Histogram inBatchAtOpen, Histogram loopLagAtOpen) {
            this.inBatchAtOpen = inBatchAtOpen;
            this.loopLagAtOpen = loopLagAtOpen;
        }

        public Reading read() {
            Histogram inBatch = IN_BATCH.copy();
            inBatch.subtract(inBatchAtOpen);
            Histogram loopLag = LOOP_LAG.copy();
            loopLag.subtract(loopLagAtOpen);
            return new Reading(inBatch, loopLag);
        }
    }

    /**
     * One window's recordings.
     *
     * @param inBatch per socket read, stamp minus the loop's return from its readiness wait
     * @param loopLag per probe send to every I/O thread, its arrival stamp minus its send stamp
     */
    public record Reading(Histogram inBatch, Histogram loopLag) {
    }
}
