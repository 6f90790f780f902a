package io.hybench.emulator.profile;

/**
 * The bytes Ollama reports for a model: {@code size} in {@code /api/tags} (the model file) and
 * {@code size}/{@code size_vram} in {@code /api/ps} (memory while loaded: weights, KV cache for
 * num_parallel × context, compute buffers; the part of it on GPUs). Zero where a profile gives none.
 */
public record ModelMemory(long fileBytes, long loadedBytes, long vramBytes) {
    public static final ModelMemory NONE = new ModelMemory(0, 0, 0);

    public ModelMemory {
        if (fileBytes < 0 || loadedBytes < 0 || vramBytes < 0) throw new IllegalArgumentException("negative size");
        if (vramBytes > loadedBytes) throw new IllegalArgumentException("vram " + vramBytes + " > loaded " + loadedBytes);
    }
}
