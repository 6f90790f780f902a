package io.hybench.bench.client.http;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The I/O thread's whole share of reading a body: find where frames end by looking at bytes, and hand the
 * complete ones on with the read's stamp as one {@link RawFrame}; no text decoding, no per-line objects.
 * Bytes after the last boundary wait in a reused buffer for the next read. Not thread-safe; one per stream.
 */
public final class BoundaryFramer {
    /** Where a protocol's frames end. */
    public enum Boundary {
        /** NDJSON: every {@code \n}. */
        LINE,
        /**
         * Server-sent events: a blank line, i.e. a line end (CR, LF or CRLF) right after another line end or at
         * the stream's start. A CRLF's LF may fall into the next frame: the SSE decoder reading them joins it.
         */
        BLANK_LINE
    }

    private final Boundary boundary;
    private final Consumer<RawFrame> sink;
    private byte[] pending = new byte[0]; // usually empty: a read mostly ends on a boundary; grown when it does not
    private int pendingLength;
    private boolean atLineStart = true; // BLANK_LINE: no byte of the current line seen yet
    private boolean previousWasCr;

    public BoundaryFramer(Boundary boundary, Consumer<RawFrame> sink) {
        this.boundary = boundary;
        this.sink = sink;
    }

    /**
     * Bytes of one read, stamped {@code arrivalNanos} with in-batch delay {@code inBatchNanos}, by the kernel or not
     * ({@link RawFrame#kernel}); complete frames go on at once.
     */
    public void feed(byte[] bytes, int offset, int count, long arrivalNanos, long inBatchNanos, boolean kernel) {
        int end = offset + count;
        int cut = boundary == Boundary.LINE ? lastLineEnd(bytes, offset, end) : lastBlankLineEnd(bytes, offset, end);
        if (cut < 0) {
            keep(bytes, offset, count);
            return;
        }
        byte[] frame;
        if (pendingLength == 0) { // the usual case: the previous read ended on a boundary; pending is not touched
            frame = Arrays.copyOfRange(bytes, offset, cut);
        } else {
            frame = Arrays.copyOf(pending, pendingLength + cut - offset);
            System.arraycopy(bytes, offset, frame, pendingLength, cut - offset);
            pendingLength = 0;
        }
        keep(bytes, cut, end - cut);
        sink.accept(new RawFrame(frame, arrivalNanos, inBatchNanos, false, kernel));
    }

    /** Whether bytes of a frame not yet ended wait for the next read (line ends alone do not count). */
    public boolean holdsPartialFrame() {
        for (int i = 0; i < pendingLength; i++) {
            if (pending[i] != '\r' && pending[i] != '\n') return true;
        }
        return false;
    }

    /** The body ended: whatever followed the last boundary goes on as the {@code last} frame. */
    public void finish(long arrivalNanos, long inBatchNanos, boolean kernel) {
        byte[] rest = Arrays.copyOf(pending, pendingLength);
        pendingLength = 0;
        sink.accept(new RawFrame(rest, arrivalNanos, inBatchNanos, true, kernel));
    }

    /** Index just past the last {@code \n} in the range, or -1. */
    private static int lastLineEnd(byte[] bytes, int from, int end) {
        for (int i = end - 1; i >= from; i--) {
            if (bytes[i] == '\n') return i + 1;
        }
        return -1;
    }

    /** Index just past the last blank line's terminator in the range, or -1; keeps the line state across reads. */
    private int lastBlankLineEnd(byte[] bytes, int from, int end) {
        int cut = -1;
        for (int i = from; i < end; i++) {
            byte b = bytes[i];
            if (b == '\n' && previousWasCr) {
                previousWasCr = false;
                continue;
            }
            previousWasCr = b == '\r';
            if (b == '\r' || b == '\n') {
                if (atLineStart) cut = i + 1;
                atLineStart = true;
            } else {
                atLineStart = false;
            }
        }
        return cut;
    }

    private void keep(byte[] bytes, int offset, int count) {
        if (count == 0) return;
        if (pendingLength + count > pending.length) pending = Arrays.copyOf(pending, Math.max(Math.max(256, pending.length * 2), pendingLength + count));
        System.arraycopy(bytes, offset, pending, pendingLength, count);
        pendingLength += count;
    }
}
