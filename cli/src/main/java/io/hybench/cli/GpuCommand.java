package io.hybench.cli;

import io.hybench.bench.client.RunClock;
import io.hybench.bench.gpu.GpuEnergy;
import io.hybench.bench.gpu.GpuSample;
import io.hybench.bench.gpu.NvidiaSmiSampler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/** Samples the GPUs for a few seconds: checks that energy can be measured here before a bench run. */
@Command(name = "gpu", mixinStandardHelpOptions = true,
        description = "Sample GPU power, utilisation and memory through nvidia-smi and print the energy drawn.")
public final class GpuCommand implements Callable<Integer> {

    @Option(names = "--duration", paramLabel = "DURATION", description = "How long to sample, e.g. 3s.", defaultValue = "3s")
    Duration duration;

    @Option(names = "--interval", paramLabel = "DURATION", description = "Sampling interval, e.g. 200ms.", defaultValue = "200ms")
    Duration interval;

    @Override
    public Integer call() throws Exception {
        RunClock clock = RunClock.startingNow();
        Optional<NvidiaSmiSampler> started = NvidiaSmiSampler.start(clock, Math.toIntExact(interval.toMillis()), s -> System.out.printf(Locale.ROOT,
                "%8.3f s  gpu %d  %-28s power %s W  util %s %%  mem %s / %s MiB%n", s.atNanos() / 1e9, s.gpuIndex(), s.name(),
                orNa(s.powerWatts()), orNa(s.utilizationPercent()), orNa(s.memoryUsedMib()), orNa(s.memoryTotalMib())));
        if (started.isEmpty()) {
            System.err.println("nvidia-smi not found on PATH: GPU power is not sampled here, and reports will say so.");
            return 2;
        }
        List<GpuSample> samples;
        try (NvidiaSmiSampler sampler = started.get()) {
            Thread.sleep(duration);
            samples = sampler.samples();
            if (sampler.failure() != null) System.err.println("nvidia-smi: " + sampler.failure());
        }
        var joules = GpuEnergy.joules(samples);
        System.out.printf(Locale.ROOT, "%d samples; energy %s%n", samples.size(),
                joules.isPresent() ? String.format(Locale.ROOT, "%.1f J", joules.getAsDouble()) : "not measured (no power readings)");
        return samples.isEmpty() ? 1 : 0;
    }

    private static String orNa(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.1f", v);
    }
}
