package io.hybench.bench.client.http;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaders;

import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Where one request's I/O thread and its caller's thread meet. The I/O thread stamps reads, cuts frames
 * and queues them, and says how the response ended; the caller reads the frames (JSON) when woken.
 * It is woken only when a frame may end the stream ({@link StreamParser#mayEnd}), every
 * {@value #BATCH} frames (to bound what waits), when the response ends, or by its own deadline, so a
 * streamed token costs no thread hand-off.
 */
final class Exchange {
    static final int BATCH = 64;

    final HttpTransport.Post post;
    final String requestId;
    final StreamParser parser;
    private volatile Thread caller; // set by whoever awaits; the wake flag keeps a signal sent before that
    private final FrameQueue frames = new FrameQueue();
    private final AtomicBoolean wake = new AtomicBoolean();
    private volatile Response response;
    private volatile Outcome outcome;
    private volatile long lastReadNanos;
    private volatile long maxInBatchNanos = -1; // I/O thread writes; -1: no read stamped in a batch
    private volatile boolean loopStamped; // I/O thread writes: a read was stamped by its loop, whose lag then counts
    private final long createdNanoTime = System.nanoTime();
    private volatile Channel channel;
    private volatile boolean abandoned;
    private volatile Future<?> lingering;
    private int unsignalled; // I/O thread only
    boolean reused;          // I/O thread only
    boolean retried;         // I/O thread only

    Exchange(HttpTransport.Post post, String requestId, StreamParser parser) {
        this.post = post;
        this.requestId = requestId;
        this.parser = parser;
    }

    /** Status line and headers, stamped with the read that completed them. */
    record Response(int status, HttpHeaders headers, long nanos) {
        boolean ok() {
            return status / 100 == 2;
        }
    }

    /** How a response ended, as the I/O thread saw it. */
    sealed interface Outcome {
        /** The body ended normally (last chunk, content length reached, or close of a close-delimited body). */
        record Ended(long nanos) implements Outcome {
        }

        /** A non-2xx response's body, up to the size kept, however it ended. */
        record ErrorBody(byte[] body, long nanos) implements Outcome {
        }

        /** No connection (refused, timed out, TLS handshake failed). */
        record ConnectFailed(Throwable cause) implements Outcome {
        }

        /** The connection failed or closed before the body ended. */
        record Lost(Throwable cause, long nanos) implements Outcome {
        }
    }

    // ---- I/O thread

    void attached(Channel ch) {
        channel = ch;
    }

    /** A read stamped at {@code nanos} by its loop, {@code inBatchNanos} after its batch began (-1: not in a batch of ready sockets). */
    void read(long nanos, long inBatchNanos) {
        lastReadNanos = nanos;
        if (inBatchNanos >= 0) loopStamped = true;
        if (inBatchNanos > maxInBatchNanos) maxInBatchNanos = inBatchNanos;
    }

    /** A read stamped at {@code nanos} by the kernel ({@link KernelArrival}); its frames carry their own uncertainty. */
    void kernelRead(long nanos) {
        lastReadNanos = nanos;
        if (maxInBatchNanos < 0) maxInBatchNanos = 0;
    }

    void headers(Response r) {
        response = r;
    }

    void frame(RawFrame f) {
        frames.add(f);
        if (++unsignalled >= BATCH || parser.mayEnd(f)) {
            unsignalled = 0;
            signal();
        }
    }

    void finish(Outcome o) {
        if (outcome != null) return;
        outcome = o;
        Future<?> l = lingering;
        if (l != null) l.cancel(false);
        signal();
    }

    private void signal() {
        if (wake.getAndSet(true)) return;
        Thread c = caller;
        if (c != null) LockSupport.unpark(c);
    }

    // ---- caller thread

    /** The thread that will {@link #await}; a signal before this call is kept by the wake flag. */
    void awaitedBy(Thread t) {
        caller = t;
    }

    RawFrame nextFrame() {
        return frames.poll();
    }

    Response response() {
        return response;
    }

    /** Read before draining the frames: every frame queued before the outcome is then seen. */
    Outcome outcome() {
        return outcome;
    }

    long lastReadNanos() {
        return lastReadNanos;
    }

    Channel channel() {
        return channel;
    }

    /**
     * How far this exchange's stamps may be off (docs/metrics.md, "Timing uncertainty"): the largest in-batch delay of
     * its reads (or of its kernel-stamped content frames, {@code framesNanos}, where larger) plus the largest lag of its I/O
     * thread's probe since it was created; -1 when no I/O thread stamped it.
     */
    long timingUncertaintyNanos(long framesNanos) {
        Channel ch = channel;
        long inBatch = maxInBatchNanos;
        if (ch == null || inBatch < 0) return -1;
        inBatch = Math.max(inBatch, framesNanos);
        return loopStamped ? inBatch + IoLoops.lagSince(ch.eventLoop(), createdNanoTime) : inBatch;
    }

    /** {@link IoLoops#lagAcross} for this exchange's I/O thread; -1 when it has none. */
    long lagAcross(long nanoTime) {
        Channel ch = channel;
        return ch == null ? -1 : IoLoops.lagAcross(ch.eventLoop(), nanoTime);
    }

    boolean abandoned() {
        return abandoned;
    }

    /**
     * {@code closing} closes the connection if the body has not ended by then; cancelled when it ends. Either side
     * may come first: each writes its own field, then reads the other's.
     */
    void lingerAtMost(Future<?> closing) {
        lingering = closing;
        if (outcome != null) closing.cancel(false);
    }

    /** The caller no longer wants the response: its connection is closed (or, not yet open, never used). */
    void abandon() {
        abandoned = true;
    }

    /**
     * Parks until woken or {@code nanos} passed.
     *
     * @return false when the caller was interrupted (its interrupt status is kept)
     */
    boolean await(long nanos) {
        long deadline = System.nanoTime() + nanos;
        while (!wake.getAndSet(false)) {
            if (Thread.currentThread().isInterrupted()) return false;
            long left = deadline - System.nanoTime();
            if (left <= 0) return true;
            LockSupport.parkNanos(this, left);
        }
        return !Thread.currentThread().isInterrupted();
    }
}
