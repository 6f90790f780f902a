package io.hybench.bench.client.http;

/**
 * Bytes of one or more whole frames exactly as they came off the wire (terminators included), cut on the
 * I/O thread by a {@link BoundaryFramer} and stamped there; the protocol's own decoder reads them later on
 * the request's thread ({@link FramedStreamParser#onFrame}). Every frame ended by the same read shares that
 * read's stamp, so one read's frames travel together.
 *
 * @param bytes        the frames' bytes; for a {@code last} frame, whatever followed the last boundary (may be empty)
 * @param arrivalNanos when the read that completed them returned (run clock)
 * @param inBatchNanos that read's in-batch stamp delay ({@link ReadStamp#inBatchNanos}): how far its stamp may be off by
 *                     the loop's own doing; -1 when it was not read in a batch of ready sockets
 *                     (kernel-stamped: 0 when the frames came with the read's last byte, else the span since the
 *                     connection's previous read, in which they came)
 * @param last         the body ended here: the reader flushes a pending unterminated frame after these bytes
 * @param kernel       stamped with the kernel's arrival stamp of the read ({@link KernelArrival}), not by the loop
 * @param loopBoundNanos a kernel-stamped frame that came before its read's last byte: how far before the stamp the
 *                     loop's own rule lets it have come, less the loop's lag (added by its reader); -1 when none
 */
public record RawFrame(byte[] bytes, long arrivalNanos, long inBatchNanos, boolean last, boolean kernel, long loopBoundNanos)
        implements Frame {
    public RawFrame(byte[] bytes, long arrivalNanos, long inBatchNanos, boolean last, boolean kernel) {
        this(bytes, arrivalNanos, inBatchNanos, last, kernel, -1);
    }

    /** Whether {@code needle} occurs in the bytes: the I/O thread's cheap test for a possible end of stream. */
    public boolean contains(byte[] needle) {
        int n = needle.length;
        byte first = needle[0];
        outer:
        for (int i = 0, end = bytes.length - n; i <= end; i++) {
            if (bytes[i] != first) continue;
            for (int j = 1; j < n; j++) {
                if (bytes[i + j] != needle[j]) continue outer;
            }
            return true;
        }
        return false;
    }
}
