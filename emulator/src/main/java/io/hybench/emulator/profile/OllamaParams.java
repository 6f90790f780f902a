package io.hybench.emulator.profile;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hybench.core.config.Checks;

/**
 * Ollama-like runner: one model that loads on first use and unloads after {@code keepAliveNanos} idle,
 * {@code numParallel} decode slots, and a bounded pending queue for requests that need a load.
 *
 * @param numParallel           OLLAMA_NUM_PARALLEL: sequences decoded together
 * @param maxQueue              OLLAMA_MAX_QUEUE: requests that may wait for a model load before 503
 * @param loadNanos             time to load the weights
 * @param keepAliveNanos        idle time before unload; negative keeps the model loaded forever
 * @param prefillTokensPerSecond prompt processing rate; a prefill stalls every running decode
 * @param weightReadNanos       fixed cost of one decode step (reading the weights once)
 * @param perSequenceNanos      added cost of one decode step per active sequence
 * @param memory                sizes reported by /api/tags and /api/ps
 */
public record OllamaParams(int numParallel, int maxQueue, long loadNanos, long keepAliveNanos,
                           double prefillTokensPerSecond, long weightReadNanos, long perSequenceNanos,
                           ModelMemory memory)
        implements EngineParams {
    /** The {@code engine} section of {@code kind: ollama}; model sizes are optional (0 on the wire). */
    @JsonCreator
    static OllamaParams fromFile(@JsonProperty(value = "num_parallel", required = true) int numParallel,
                                 @JsonProperty(value = "max_queue", required = true) int maxQueue,
                                 @JsonProperty(value = "load_ms", required = true) double loadMs,
                                 @JsonProperty(value = "keep_alive_ms", required = true) long keepAliveMs,
                                 @JsonProperty(value = "prefill_tokens_per_s", required = true) double prefillTokensPerSecond,
                                 @JsonProperty(value = "decode_weight_read_ms", required = true) double weightReadMs,
                                 @JsonProperty(value = "decode_per_sequence_ms", required = true) double perSequenceMs,
                                 @JsonProperty("model_file_bytes") Long modelFileBytes, @JsonProperty("loaded_bytes") Long loaded,
                                 @JsonProperty("vram_bytes") Long vram) {
        long max = 1L << 50;
        long fileBytes = modelFileBytes == null ? 0 : modelFileBytes;
        long loadedBytes = loaded == null ? 0 : loaded;
        long vramBytes = vram == null ? 0 : vram;
        Checks.within("model_file_bytes", fileBytes, 0, max);
        Checks.within("loaded_bytes", loadedBytes, 0, max);
        Checks.within("vram_bytes", vramBytes, 0, max);
        if (vramBytes > loadedBytes) throw new IllegalArgumentException("vram_bytes must be at most loaded_bytes (" + loadedBytes + "), was " + vramBytes);
        long keepAlive = Checks.within("keep_alive_ms", keepAliveMs, -1, Long.MAX_VALUE / 1_000_000);
        return new OllamaParams(Checks.within("num_parallel", numParallel, 1, 1024), Checks.within("max_queue", maxQueue, 0, 1_000_000),
                Millis.nanos("load_ms", loadMs, 0), keepAlive < 0 ? -1 : keepAlive * 1_000_000,
                Checks.within("prefill_tokens_per_s", prefillTokensPerSecond, 1e-3, 1e9),
                Millis.nanos("decode_weight_read_ms", weightReadMs, 0.001), Millis.nanos("decode_per_sequence_ms", perSequenceMs, 0),
                new ModelMemory(fileBytes, loadedBytes, vramBytes));
    }

    /** Without reported sizes (they are 0 on the wire). */
    public OllamaParams(int numParallel, int maxQueue, long loadNanos, long keepAliveNanos,
                        double prefillTokensPerSecond, long weightReadNanos, long perSequenceNanos) {
        this(numParallel, maxQueue, loadNanos, keepAliveNanos, prefillTokensPerSecond, weightReadNanos, perSequenceNanos,
                ModelMemory.NONE);
    }
}
