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
        inBatchNanos = now - batch.startNanoTime();
        boolean first = batch.number() != lastBatch;
        lastBatch = batch.number();
        return first ? batch.startNanoTime() : now;
    }

    /** For the last {@link #take}: how long after its batch's start the read returned; -1 when outside a batch. */
    long inBatchNanos() {
        return inBatchNanos;
    }
}
