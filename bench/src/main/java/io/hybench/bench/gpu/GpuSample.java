package io.hybench.bench.gpu;

/**
 * One reading of one GPU. A field nvidia-smi reports as {@code [N/A]} or {@code [Not Supported]} is null
 * (never 0: a missing power reading must not turn into free energy).
 *
 * @param atNanos            run-relative time the line was read ({@link io.hybench.bench.client.RunClock})
 * @param gpuIndex           nvidia-smi's index
 * @param name               product name
 * @param powerWatts         board power draw
 * @param utilizationPercent GPU utilisation over the last sample period
 * @param memoryUsedMib      device memory in use
 * @param memoryTotalMib     device memory installed
 */
public record GpuSample(long atNanos, int gpuIndex, String name, Double powerWatts, Double utilizationPercent,
                        Double memoryUsedMib, Double memoryTotalMib) {
}
