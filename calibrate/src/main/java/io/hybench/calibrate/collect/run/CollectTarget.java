package io.hybench.calibrate.collect.run;

import io.hybench.bench.client.ApiKind;
import io.hybench.bench.client.Target;

import java.util.Objects;

/**
 * A target asked every question, with how to ask it (docs/collect.md, "Target spec").
 *
 * @param target            endpoint, protocol, model, key variable
 * @param concurrency       requests in flight to this target at most
 * @param logprobs          request per-token logprobs (the logprob signals need them)
 * @param topLogprobs       alternatives per token (the choice-probability signal needs them)
 * @param samples           extra samples for self-consistency (0: none)
 * @param sampleTemperature temperature of those samples (> 0)
 * @param temperature       temperature of the graded answer
 * @param maxTokens         output cap of every request
 */
public record CollectTarget(Target target, int concurrency, boolean logprobs, int topLogprobs, int samples,
                            double sampleTemperature, double temperature, int maxTokens) {
    public CollectTarget {
        Objects.requireNonNull(target, "target");
        String t = "target '" + target.name() + "': ";
        if (concurrency < 1) throw new IllegalArgumentException(t + "concurrency must be >= 1, was " + concurrency);
        if (topLogprobs < 0 || topLogprobs > 20) throw new IllegalArgumentException(t + "top-logprobs must be in 0..20, was " + topLogprobs);
        if (samples < 0 || samples == 1) throw new IllegalArgumentException(t + "samples must be 0 or >= 2, was " + samples);
        if (samples > 0 && !(sampleTemperature > 0)) throw new IllegalArgumentException(t + "sample-temperature must be > 0 for self-consistency, was " + sampleTemperature);
        if (!(temperature >= 0)) throw new IllegalArgumentException(t + "temperature must be >= 0, was " + temperature);
        if (maxTokens < 1) throw new IllegalArgumentException(t + "max-tokens must be >= 1, was " + maxTokens);
        if (logprobs && target.api() == ApiKind.ANTHROPIC) throw new IllegalArgumentException(t + "the Anthropic API returns no logprobs; use logprobs=false");
    }

    public String name() {
        return target.name();
    }
}
