package io.hybench.bench.load;

import io.hybench.bench.client.Target;

/**
 * One step of a run: a target at one load level, one repetition.
 *
 * @param index      position in the run, from 0
 * @param target     the target under load
 * @param load       users (closed loop) or requests per second (open loop)
 * @param repetition which run of this level, from 0
 */
public record StepPlan(int index, Target target, double load, int repetition) {
}
