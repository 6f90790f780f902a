package io.hybench.bench.client.http;

/**
 * One connection's arrival stamps, taken on its I/O thread the moment a socket read reaches the pipeline
 * (docs/metrics.md, "Timing uncertainty"). A socket's first read in a batch of ready sockets is stamped with
 * the batch's start, when the loop learned the socket was readable (its bytes were in the kernel's buffer by
 * then); a later read of the same socket in the same batch, when it returned. Responses and the loops' lag
 * probe ({@link LoopLagProbe}) are stamped by this one rule, so the probe suffers what a response's stamp does.
 */
final class ReadStamp {
    private final IoLoops.Batch batch;
    private long lastBatch = -1;
    private long inBatchNanos = -1;

    /** @param batch the connection's I/O thread's batch clock ({@link IoLoops#currentBatch}); null off an I/O thread */
    ReadStamp(IoLoops.Batch batch) {
        this.batch = batch;
    }

    /** The {@link System#nanoTime()} stamp of a read that returned just now. */
    long take() {
        long now = System.nanoTime();
        if (batch == null || !batch.handlingReadySockets()) {
            inBatchNanos = -1;
            return now;
        }
        boolean first = batch.number() != lastBatch;
        lastBatch = batch.number();
        // a first read may be late by the bytes' wait for the loop to look, and early by bytes that came during the batch
        inBatchNanos = first ? Math.max(now - batch.startNanoTime(), batch.readyWaitNanos()) : now - batch.startNanoTime();
        return first ? batch.startNanoTime() : now;
    }

    /**
     * For the last {@link #take}: how far its stamp may be off by the loop's own doing; -1 when outside a batch. A later
     * read of a socket in a batch: how long after the batch's start it returned. A socket's first read: that, or how long
     * its bytes may have waited for the loop to look ({@link IoLoops.Batch#readyWaitNanos}) when longer.
     */
    long inBatchNanos() {
        return inBatchNanos;
    }
}
