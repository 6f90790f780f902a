package io.hybench.bench.client;

/**
 * Server-side timings as the server reports them (Ollama's final chunk; all in nanoseconds).
 * Ollama omits zero-valued fields: an absent duration is 0, an absent count is unknown (null).
 */
public record ServerTimings(
        Long totalDurationNanos,
        Long loadDurationNanos,
        Integer promptEvalCount,
        Long promptEvalDurationNanos,
        Integer evalCount,
        Long evalDurationNanos) {
}
