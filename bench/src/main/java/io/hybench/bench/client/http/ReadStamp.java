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
        // a first read may be late by the bytes' wait for the loop to look, and early by bytes that came during the batch;
        // a later one is never early, but its bytes may have waited as long before the batch as the first read's did:
        // a first read takes only as many bytes as its buffer holds, so a write that came before the batch can be split
        // across reads (2026-12-03: a role chunk and token 0 written in one flush, token 0 read second, 7 ms late)
        long sinceStart = now - batch.startNanoTime();
        inBatchNanos = first ? Math.max(sinceStart, batch.readyWaitNanos()) : sinceStart + batch.readyWaitNanos();
        return first ? batch.startNanoTime() : now;
    }

    /**
     * For the last {@link #take}: how far its stamp may be off by the loop's own doing; -1 when outside a batch. A socket's
     * first read: how long after the batch's start it returned, or how long its bytes may have waited for the loop to look
     * ({@link IoLoops.Batch#readyWaitNanos}) when longer. A later read of the socket in the batch: the two added, as its
     * bytes may be the rest of those the first read found waiting.
     */
    long inBatchNanos() {
        return inBatchNanos;
    }
}
