package io.hybench.bench.context;

import io.hybench.bench.gpu.GpuSample;

import java.util.List;

/**
 * GPU readings of one time-series interval: power summed over GPUs (each GPU's mean over its samples),
 * utilisation averaged over GPUs, memory in use summed. A figure no GPU reported is null.
 *
 * @param samples nvidia-smi lines read in the interval
 */
public record GpuSecond(int samples, Double powerWatts, Double utilizationPercent, Double memoryUsedMib) {

    /** Summarizes the samples of one interval; null when there are none. */
    public static GpuSecond of(List<GpuSample> samples) {
        if (samples.isEmpty()) return null;
        int[] gpus = samples.stream().mapToInt(GpuSample::gpuIndex).distinct().toArray();
        Double power = null;
        Double memory = null;
        double utilSum = 0;
        int utilGpus = 0;
        for (int gpu : gpus) {
            List<GpuSample> mine = samples.stream().filter(s -> s.gpuIndex() == gpu).toList();
            Double p = mean(mine.stream().map(GpuSample::powerWatts).toList());
            Double u = mean(mine.stream().map(GpuSample::utilizationPercent).toList());
            Double m = mean(mine.stream().map(GpuSample::memoryUsedMib).toList());
            if (p != null) power = (power == null ? 0 : power) + p;
            if (m != null) memory = (memory == null ? 0 : memory) + m;
            if (u != null) {
                utilSum += u;
                utilGpus++;
            }
        }
        return new GpuSecond(samples.size(), power, utilGpus == 0 ? null : utilSum / utilGpus, memory);
    }

    private static Double mean(List<Double> values) {
        double sum = 0;
        int n = 0;
        for (Double v : values) {
            if (v == null) continue;
            sum += v;
            n++;
        }
        return n == 0 ? null : sum / n;
    }
}
