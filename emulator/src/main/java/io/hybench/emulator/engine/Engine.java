package io.hybench.emulator.engine;

import io.hybench.emulator.profile.CloudParams;
import io.hybench.emulator.profile.EngineParams;
import io.hybench.emulator.profile.OllamaParams;
import io.hybench.emulator.profile.VllmParams;

/**
 * A serving engine's performance model. All methods except {@link #gauges()} run on the loop thread.
 * Each job gets {@link Emission.Accepted} or {@link Emission.Rejected} first, then its tokens and
 * {@link Emission.Finished}, with times from the model.
 */
public sealed interface Engine permits OllamaEngine, VllmEngine, CloudEngine {
    void submit(Job job, JobSink sink);

    /** The client went away: stop spending capacity on the job (it leaves at the next step boundary). */
    void cancel(long jobId);

    /** Thread-safe snapshot. */
    EngineGauges gauges();

    static Engine create(EngineParams params, EventLoop loop, long seed) {
        return switch (params) {
            case OllamaParams p -> new OllamaEngine(p, loop);
            case VllmParams p -> new VllmEngine(p, loop);
            case CloudParams p -> new CloudEngine(p, loop, seed);
        };
    }
}
