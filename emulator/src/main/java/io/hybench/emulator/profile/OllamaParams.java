package io.hybench.emulator.profile;

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
    /** Without reported sizes (they are 0 on the wire). */
    public OllamaParams(int numParallel, int maxQueue, long loadNanos, long keepAliveNanos,
                        double prefillTokensPerSecond, long weightReadNanos, long perSequenceNanos) {
        this(numParallel, maxQueue, loadNanos, keepAliveNanos, prefillTokensPerSecond, weightReadNanos, perSequenceNanos,
                ModelMemory.NONE);
    }
}
