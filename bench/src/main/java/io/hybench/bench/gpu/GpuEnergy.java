package io.hybench.bench.gpu;

import java.util.List;
import java.util.OptionalDouble;

/** Energy from power samples: trapezoidal integral of watts over time, per GPU, summed over GPUs. */
public final class GpuEnergy {
    private GpuEnergy() {
    }

    /**
     * Joules drawn by all GPUs between the first and last sample of each GPU. Empty when no GPU
     * has two samples with a power reading, so "not measured" never reads as 0 J.
     */
    public static OptionalDouble joules(List<GpuSample> samples) {
        double total = 0;
        boolean any = false;
        for (int gpu : samples.stream().mapToInt(GpuSample::gpuIndex).distinct().toArray()) {
            GpuSample prev = null;
            for (GpuSample s : samples) {
                if (s.gpuIndex() != gpu || s.powerWatts() == null) continue;
                if (prev != null) {
                    double seconds = (s.atNanos() - prev.atNanos()) / 1e9;
                    total += seconds * (prev.powerWatts() + s.powerWatts()) / 2;
                    any = true;
                }
                prev = s;
            }
        }
        return any ? OptionalDouble.of(total) : OptionalDouble.empty();
    }
}
