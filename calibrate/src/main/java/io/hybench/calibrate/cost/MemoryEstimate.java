package io.hybench.calibrate.cost;

/**
 * Memory a model needs to serve, in bytes, split by what it is for.
 *
 * @param weightsBytes  quantised weights
 * @param kvCacheBytes  KV cache for {@code contextTokens x parallelSlots}
 * @param overheadBytes runtime buffers (compute graph, CUDA context) as configured
 */
public record MemoryEstimate(long weightsBytes, long kvCacheBytes, long overheadBytes) {

    public long totalBytes() {
        return weightsBytes + kvCacheBytes + overheadBytes;
    }

    public double totalGb() {
        return totalBytes() / 1e9;
    }

    /** Whether the total fits in {@code availableBytes} of device memory. */
    public boolean fits(long availableBytes) {
        return totalBytes() <= availableBytes;
    }
}
