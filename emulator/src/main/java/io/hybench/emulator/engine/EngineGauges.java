package io.hybench.emulator.engine;

/**
 * A consistent snapshot of engine state for {@code /metrics} and {@code /api/ps}.
 *
 * @param running          sequences being processed
 * @param waiting          admitted but not yet running (queued for a slot, a load or KV space)
 * @param kvCacheUsage     fraction of KV-cache tokens in use, 0..1 (0 where not modelled)
 * @param preemptions      sequences preempted so far
 * @param modelLoaded      whether the weights are resident
 * @param unloadAtNanos    when an idle model unloads; -1 for never or not loaded
 * @param contextTokens    the context the loaded model was loaded with; 0 where the engine does not model it
 * @param prefixCacheQueries prompt tokens looked up in the prefix cache so far (vLLM's {@code vllm:prefix_cache_queries_total})
 * @param prefixCacheHits    of those, tokens found cached ({@code vllm:prefix_cache_hits_total})
 */
public record EngineGauges(int running, int waiting, double kvCacheUsage, long preemptions,
                           boolean modelLoaded, long unloadAtNanos, int contextTokens,
                           long prefixCacheQueries, long prefixCacheHits) {
    public static final EngineGauges IDLE = new EngineGauges(0, 0, 0, 0, true, -1, 0);

    /** Gauges of an engine that reports no prefix-cache counters. */
    public EngineGauges(int running, int waiting, double kvCacheUsage, long preemptions, boolean modelLoaded,
                        long unloadAtNanos, int contextTokens) {
        this(running, waiting, kvCacheUsage, preemptions, modelLoaded, unloadAtNanos, contextTokens, 0, 0);
    }
}
