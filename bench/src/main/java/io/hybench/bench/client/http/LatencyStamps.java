package io.hybench.bench.client.http;

import io.hybench.bench.client.RequestRecord;
import io.hybench.bench.client.RunClock;

import java.util.concurrent.TimeUnit;

/**
 * Which reads ended one request's TTFT and E2E, noted as its caller reads the frames, and how far their stamps may be
 * off (docs/metrics.md, "Per-request timing uncertainty"). One stalled read moves a request's TTFT or E2E by the stall;
 * a step's read-wide figures, a P99 over every read, do not see it when it is one read of thousands, so these two are
 * kept per request and judged per step over requests. Caller's thread only.
 */
final class LatencyStamps {
    /**
     * How long after a read's stamp a probe send that waited through the same stall may still be stamped: its bytes are
     * read in the same batch or the next, and the sender writes one every {@link LoopLagProbe#PERIOD_MS}.
     */
    private static final long SAME_STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(LoopLagProbe.PERIOD_MS);

    private final Exchange ex;
    private final RunClock clock;
    private final long sendNanos;
    private RawFrame firstContent;
    private RawFrame end;
    private long endReadBefore; // arrival stamp of the read before the one that ended the stream
    private long latestRead;   // arrival stamp of the latest frame's read
    private long readBefore;   // arrival stamp of the read before that one

    LatencyStamps(Exchange ex, RunClock clock, long sendNanos) {
        this.ex = ex;
        this.clock = clock;
        this.sendNanos = sendNanos;
        this.latestRead = sendNanos;
        this.readBefore = sendNanos;
    }

    /** {@code frame} was read; it brought the first content, and/or it ended the stream. */
    void read(RawFrame frame, boolean firstContent, boolean ended) {
        if (frame.arrivalNanos() != latestRead) {
            readBefore = latestRead;
            latestRead = frame.arrivalNanos();
        }
        if (firstContent) this.firstContent = frame;
        if (ended && end == null) {
            end = frame;
            endReadBefore = readBefore;
        }
    }

    /** The request's uncertainty: request-wide, then its TTFT's and E2E's stamps where it has them. */
    RequestRecord.StampUncertainty uncertainty() {
        long request = ex.timingUncertaintyNanos();
        return new RequestRecord.StampUncertainty(request < 0 ? null : request, stamp(firstContent, sendNanos), stamp(end, endReadBefore));
    }

    /**
     * The frame's read's in-batch delay plus the loop's largest probe lag from {@code sinceNanos} (run clock) until a probe
     * delayed by the same stall would have been stamped; null without such a frame or I/O thread.
     */
    private Long stamp(RawFrame frame, long sinceNanos) {
        if (frame == null || frame.inBatchNanos() < 0) return null;
        long lag = ex.lagBetween(clock.toNanoTime(sinceNanos), clock.toNanoTime(frame.arrivalNanos()) + SAME_STALL_NANOS);
        return lag < 0 ? null : frame.inBatchNanos() + lag;
    }
}
