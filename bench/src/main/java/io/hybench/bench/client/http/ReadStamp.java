package io.hybench.bench.client.http;

/**
 * One connection's arrival stamps, taken on its I/O thread the moment a socket read reaches the pipeline
 * (docs/metrics.md, "Timing uncertainty"). A socket's first read in a batch of ready sockets is stamped with
 * the batch's start, when the loop learned the socket was readable (its bytes were in the kernel's buffer by
 * then); a later read of the same socket in the same batch, when it returned. Responses and the loops' lag
 * probe ({@link LoopLagProbe}) are stamped by this one rule, so the probe suffers what a response's stamp does.
 * Where the connection has kernel arrival stamps ({@link KernelArrival}) a read takes the kernel's stamp instead, and
 * the loop's timing no longer enters it.
 */
final class ReadStamp {
    private final IoLoops.Batch batch;
    private final KernelArrival kernel;
    private long lastBatch = -1;
    private long inBatchNanos = -1;
    private boolean kernelStamped;
    private boolean kernelDrained;
    private long loopBoundNanos = -1;

    /**
     * @param batch  the connection's I/O thread's batch clock ({@link IoLoops#currentBatch}); null off an I/O thread
     * @param kernel the connection's kernel arrival stamps; null where it has none
     */
    ReadStamp(IoLoops.Batch batch, KernelArrival kernel) {
        this.batch = batch;
        this.kernel = kernel;
    }

    /** The {@link System#nanoTime()} stamp of a read of {@code bytes} that returned just now. */
    long take(int bytes) {
        long now = System.nanoTime();
        long arrived = kernel == null ? -1 : kernel.nanoTimeOfRead(bytes);
        kernelStamped = arrived >= 0;
        kernelDrained = kernelStamped && kernel.drained();
        if (kernelStamped) { // when the read's last byte came, whenever the loop got to it
            inBatchNanos = 0;
            arrived = Math.min(arrived, now);
            // by the loop's rule the bytes waited at most the batch's ready wait before its start (plus the loop's lag)
            loopBoundNanos = batch == null || !batch.handlingReadySockets() ? -1
                    : Math.max(0, arrived - batch.startNanoTime() + batch.readyWaitNanos());
            return arrived;
        }
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
     * Whether the last kernel-stamped read took every byte that was waiting: only then is its stamp its own last byte's.
     * TCP merges a packet into the one queued before it and keeps the newer stamp, so a read that left bytes behind may
     * carry the stamp of bytes it did not take.
     */
    boolean kernelDrained() {
        return kernelDrained;
    }

    /**
     * For a kernel-stamped read: how long before its stamp its bytes may have come by the loop's own rule, the loop's lag
     * not included (bytes waited at most the batch's ready wait before the batch began); -1 outside a batch. A bound on
     * the read's earlier frames, which the kernel's stamp alone leaves open back to the connection's previous read.
     */
    long loopBoundNanos() {
        return loopBoundNanos;
    }

    /** Whether the last {@link #take} was the kernel's stamp of the read's last byte (its in-batch delay is then 0). */
    boolean kernelStamped() {
        return kernelStamped;
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
