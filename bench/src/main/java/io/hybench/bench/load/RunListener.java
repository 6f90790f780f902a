package io.hybench.bench.load;

import io.hybench.bench.client.Target;
import io.hybench.bench.metrics.OverSaturation;
import io.hybench.bench.metrics.SecondSample;
import io.hybench.bench.metrics.StepSummary;

/** Follows a run as it goes (progress bar, logs). Called from the runner's threads; must return quickly. */
public interface RunListener {

    RunListener NONE = new RunListener() {
    };

    /**
     * @param total what {@link StepProgress#done} counts up to: seconds (duration stop) or measured
     *              requests (count stop)
     * @param unit  "s" or "req"
     */
    default void stepStarted(StepPlan step, long total, String unit) {
    }

    /** About once a second while a step runs. */
    default void progress(StepPlan step, SecondSample sample, StepProgress progress) {
    }

    /** A target's sweep stops early: a step at {@code level} failed {@code errorRate} of its requests (run.stopOnErrorRate). */
    default void sweepStopped(Target target, double level, double errorRate) {
    }

    /** A target's sweep stops early: a step at {@code level} stopped with the server over-saturated (run.stopOnOverSaturation). */
    default void sweepStoppedOverSaturated(Target target, double level, OverSaturation.Verdict verdict) {
    }

    default void stepFinished(StepPlan step, StepSummary summary) {
    }

    /**
     * @param done                  seconds elapsed or measured requests ended
     * @param outputTokensPerSecond output tokens/s over the last interval
     * @param e2eP99Ms              P99 end-to-end latency of the step so far (NaN before any measured request)
     */
    record StepProgress(long done, double outputTokensPerSecond, double e2eP99Ms) {
    }
}
