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
    private long kernelFramesNanos = -1; // the largest uncertainty of its kernel-stamped frames that carried content or the end

    LatencyStamps(Exchange ex, RunClock clock) {
        this.ex = ex;
        this.clock = clock;
    }

    /**
     * {@code frame} was read; it brought content (the first, or not), and/or it ended the stream. A kernel-stamped frame's
     * uncertainty is recorded here for the step ({@link StampingDelay#IN_BATCH}) when it carried content or the end: the
     * I/O thread cannot tell a role chunk, whose stamp ends no latency, from a token.
     */
    void read(RawFrame frame, boolean content, boolean firstContent, boolean ended) {
        if (firstContent) this.firstContent = frame;
        if (ended && end == null) end = frame;
        if (frame.kernel() && (content || ended)) {
            long u = kernelUncertainty(frame);
            StampingDelay.record(StampingDelay.IN_BATCH, u);
            kernelFramesNanos = Math.max(kernelFramesNanos, u);
        }
    }

    /** The request's uncertainty: request-wide, then its TTFT's and E2E's end stamps' where it has them. */
    RequestRecord.StampUncertainty uncertainty() {
        long request = ex.timingUncertaintyNanos(kernelFramesNanos);
        return new RequestRecord.StampUncertainty(request < 0 ? null : request, stamp(firstContent), stamp(end));
    }

    /**
     * A kernel-stamped frame's uncertainty: its own (0 when it came with its read's last byte, else the span back to the
     * connection's previous read), or, where smaller, the loop's rule for its read with the loop's lag across its stamp:
     * the stream's last token, followed in one read by the usage chunk and the end marker, is not left 20 ms uncertain
     * when its loop read it within a millisecond of waking.
     */
    private long kernelUncertainty(RawFrame frame) {
        long own = frame.inBatchNanos();
        if (frame.loopBoundNanos() < 0) return own;
        long lag = ex.lagAcross(clock.toNanoTime(frame.arrivalNanos()));
        return lag < 0 ? own : Math.min(own, frame.loopBoundNanos() + lag);
    }

    /**
     * A kernel-stamped frame's own uncertainty ({@link RawFrame#inBatchNanos}); else the frame's read's in-batch delay plus the largest lag of the loop's probe sends in flight at that read's stamp
     * (sent before it, stamped after): whatever held the loop then held them too, a garbage collection included, whose
     * probe send carries the tick it was due at. Null without such a frame or I/O thread.
     */
    private Long stamp(RawFrame frame) {
        if (frame == null || frame.inBatchNanos() < 0) return null;
        if (frame.kernel()) return kernelUncertainty(frame); // the kernel's stamp: no loop's lag in it
        long lag = ex.lagAcross(clock.toNanoTime(frame.arrivalNanos()));
        return lag < 0 ? null : frame.inBatchNanos() + lag;
    }
}
