package io.hybench.bench.client.http;

import io.hybench.bench.client.RequestRecord;
import io.hybench.bench.client.RunClock;

/**
 * Which reads ended one request's TTFT and E2E, noted as its caller reads the frames, and how far their stamps may be
 * off (docs/metrics.md, "Per-request timing uncertainty"). One stalled read moves a request's TTFT or E2E by the stall;
 * a step's read-wide figures, a P99 over every read, do not see it when it is one read of thousands, so these two are
 * kept per request and judged per step over requests. Caller's thread only.
 */
final class LatencyStamps {
    private final Exchange ex;
    private final RunClock clock;
    private RawFrame firstContent;
    private RawFrame end;

    LatencyStamps(Exchange ex, RunClock clock) {
        this.ex = ex;
        this.clock = clock;
    }

    /** {@code frame} was read; it brought the first content, and/or it ended the stream. */
    void read(RawFrame frame, boolean firstContent, boolean ended) {
        if (firstContent) this.firstContent = frame;
        if (ended && end == null) end = frame;
    }

    /** The request's uncertainty: request-wide, then its TTFT's and E2E's end stamps' where it has them. */
    RequestRecord.StampUncertainty uncertainty() {
        long request = ex.timingUncertaintyNanos();
        return new RequestRecord.StampUncertainty(request < 0 ? null : request, stamp(firstContent), stamp(end));
    }

    /**
     * The frame's read's in-batch delay plus the largest lag of the loop's probe sends in flight at that read's stamp
     * (sent before it, stamped after): whatever held the loop then held them too, a garbage collection included, whose
     * probe send carries the tick it was due at. Null without such a frame or I/O thread.
     */
    private Long stamp(RawFrame frame) {
        if (frame == null || frame.inBatchNanos() < 0) return null;
        long lag = ex.lagAcross(clock.toNanoTime(frame.arrivalNanos()));
        return lag < 0 ? null : frame.inBatchNanos() + lag;
    }
}
