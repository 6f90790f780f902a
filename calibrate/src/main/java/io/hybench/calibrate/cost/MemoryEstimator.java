package io.hybench.calibrate.cost;

/**
 * Estimates serving memory: weights = parameters x bits-per-weight / 8; KV cache = values per token
 * x context x parallel slots x bytes per KV value (Ollama allocates num_ctx for every slot);
 * plus a fixed runtime overhead. docs/cost.md derives the seed's rule of thumb (about 0.6 GB per
 * billion parameters at q4_K_M, plus context) from this.
 */
public final class MemoryEstimator {
    /** llama.cpp and vLLM keep the KV cache in fp16 unless told otherwise. */
    public static final int DEFAULT_KV_BYTES_PER_VALUE = 2;
    /** Compute buffers and CUDA context of a llama.cpp runner, order of magnitude. */
    public static final long DEFAULT_OVERHEAD_BYTES = 300_000_000L;

    private MemoryEstimator() {
    }

    public static MemoryEstimate estimate(ModelArchitecture model, Quantization quantization, int contextTokens,
                                          int parallelSlots, int kvBytesPerValue, long overheadBytes) {
        if (contextTokens < 1) throw new IllegalArgumentException("contextTokens must be >= 1, was " + contextTokens);
        if (parallelSlots < 1) throw new IllegalArgumentException("parallelSlots must be >= 1, was " + parallelSlots);
        if (kvBytesPerValue < 1) throw new IllegalArgumentException("kvBytesPerValue must be >= 1, was " + kvBytesPerValue);
        if (overheadBytes < 0) throw new IllegalArgumentException("overheadBytes must be >= 0, was " + overheadBytes);
        long weights = Math.round(model.parametersBillions() * 1e9 * quantization.bitsPerWeight() / 8);
        long kv = model.kvValuesPerToken() * contextTokens * parallelSlots * kvBytesPerValue;
        return new MemoryEstimate(weights, kv, overheadBytes);
    }

    public static MemoryEstimate estimate(ModelArchitecture model, Quantization quantization, int contextTokens, int parallelSlots) {
        return estimate(model, quantization, contextTokens, parallelSlots, DEFAULT_KV_BYTES_PER_VALUE, DEFAULT_OVERHEAD_BYTES);
    }
}
