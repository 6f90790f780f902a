package io.hybench.bench.context;

import io.hybench.bench.client.RunClock;
import io.hybench.bench.gpu.GpuEnergy;
import io.hybench.bench.gpu.GpuSample;
import io.hybench.bench.gpu.NvidiaSmiSampler;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * GPU readings for a whole run from one {@link NvidiaSmiSampler}, or the reason there are none (no
 * nvidia-smi, or it failed), so every step can say "not sampled: why" instead of showing zeros.
 */
public final class GpuMonitor implements AutoCloseable {
    static final String SOURCE = "nvidia-smi";
    private final NvidiaSmiSampler sampler;
    private final String unavailable;

    private GpuMonitor(NvidiaSmiSampler sampler, String unavailable) {
        this.sampler = sampler;
        this.unavailable = unavailable;
    }

    public static GpuMonitor start(RunClock clock, int intervalMillis) {
        try {
            Optional<NvidiaSmiSampler> s = NvidiaSmiSampler.start(clock, intervalMillis, sample -> {
            });
            return s.map(x -> new GpuMonitor(x, null)).orElseGet(() -> new GpuMonitor(null, "nvidia-smi not found on PATH"));
        } catch (IOException e) {
            return new GpuMonitor(null, "nvidia-smi could not be started: " + e.getMessage());
        }
    }

    /** A monitor that samples nothing, with the reason. */
    public static GpuMonitor disabled(String reason) {
        return new GpuMonitor(null, reason);
    }

    /** Readings with {@code fromNanos < atNanos <= toNanos}. */
    public List<GpuSample> between(long fromNanos, long toNanos) {
        if (sampler == null) return List.of();
        return sampler.samples().stream().filter(s -> s.atNanos() > fromNanos && s.atNanos() <= toNanos).toList();
    }

    /** Energy drawn between the two times, empty when not measured. */
    public OptionalDouble joules(long fromNanos, long toNanos) {
        return GpuEnergy.joules(between(fromNanos, toNanos));
    }

    public SamplingStatus status(long fromNanos, long toNanos) {
        if (sampler == null) return SamplingStatus.notSampled(SOURCE, unavailable);
        int n = between(fromNanos, toNanos).size();
        if (n > 0) return new SamplingStatus(SOURCE, n, null);
        String why = sampler.failure();
        return SamplingStatus.notSampled(SOURCE, why != null ? why : "nvidia-smi gave no readings during the step");
    }

    @Override
    public void close() {
        if (sampler != null) sampler.close();
    }
}
