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
 */
public record EngineGauges(int running, int waiting, double kvCacheUsage, long preemptions,
                           boolean modelLoaded, long unloadAtNanos, int contextTokens) {
    public static final EngineGauges IDLE = new EngineGauges(0, 0, 0, 0, true, -1, 0);
}
