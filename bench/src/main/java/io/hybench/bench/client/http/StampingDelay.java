package io.hybench.bench.client.http;

import org.HdrHistogram.AtomicHistogram;
import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

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
 * uncertainty. A read stamped by the kernel ({@link KernelArrival}) waited for no loop: its frames' own uncertainty goes
 * into the in-batch part (for the frames that carried content or the end, {@link LatencyStamps}), and the loop lag counts
 * for a window only where at least {@value #LOOP_STAMPED_SHARE_PERCENT}% of its reads were stamped by their loop: fewer
 * cannot move a P99 over reads.
 */
public final class StampingDelay {
    private static final long HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(10);
    static final AtomicHistogram IN_BATCH = new AtomicHistogram(HIGHEST_NANOS, 3);
    static final AtomicHistogram LOOP_LAG = new AtomicHistogram(HIGHEST_NANOS, 3);
    static final LongAdder KERNEL_STAMPED = new LongAdder();
    static final int LOOP_STAMPED_SHARE_PERCENT = 1;
    private static final LongAdder LOOP_STAMPED = new LongAdder();

    private StampingDelay() {
    }

    static void record(AtomicHistogram h, long nanos) {
        h.recordValue(Math.min(HIGHEST_NANOS, Math.max(0, nanos)));
    }

    /** A read stamped by its loop, {@code inBatchNanos} after its batch began. */
    static void loopStamped(long inBatchNanos) {
        record(IN_BATCH, inBatchNanos);
        LOOP_STAMPED.increment();
    }

    /** Starts counting: the reading of the returned window covers what is recorded from now on. */
    public static Window open() {
        return new Window(IN_BATCH.copy(), LOOP_LAG.copy(), LOOP_STAMPED.sum(), KERNEL_STAMPED.sum());
    }

    /** The recordings since {@link #open}. */
    public static final class Window {
        private final Histogram inBatchAtOpen;
        private final Histogram loopLagAtOpen;
        private final long loopStampedAtOpen;
        private final long kernelStampedAtOpen;

        private Window(Histogram inBatchAtOpen, Histogram loopLagAtOpen, long loopStampedAtOpen, long kernelStampedAtOpen) {
            this.inBatchAtOpen = inBatchAtOpen;
            this.loopLagAtOpen = loopLagAtOpen;
            this.loopStampedAtOpen = loopStampedAtOpen;
            this.kernelStampedAtOpen = kernelStampedAtOpen;
        }

        public Reading read() {
            Histogram inBatch = IN_BATCH.copy();
            inBatch.subtract(inBatchAtOpen);
            Histogram loopLag = LOOP_LAG.copy();
            loopLag.subtract(loopLagAtOpen);
            long loop = LOOP_STAMPED.sum() - loopStampedAtOpen;
            long kernel = KERNEL_STAMPED.sum() - kernelStampedAtOpen;
            if (!loopLagCounts(loop, kernel)) loopLag.reset();
            return new Reading(inBatch, loopLag);
        }
    }

    /** Whether the loops' lag bears on a window's stamps: at least the share above of its reads were stamped by their loop. */
    static boolean loopLagCounts(long loopStampedReads, long kernelStampedReads) {
        return loopStampedReads * 100 >= (loopStampedReads + kernelStampedReads) * LOOP_STAMPED_SHARE_PERCENT;
    }

    /**
     * One window's recordings.
     *
     * @param inBatch per socket read, stamp minus the loop's return from its readiness wait
     * @param loopLag per probe send to every I/O thread, its arrival stamp minus its send stamp; empty where the loops'
     *                lag did not bear on the window's stamps (kernel-stamped reads: {@link #loopLagCounts})
     */
    public record Reading(Histogram inBatch, Histogram loopLag) {
    }
}
