package io.hybench.bench.gpu;

import io.hybench.bench.client.RunClock;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Samples GPU power, utilisation and memory during a run by keeping one {@code nvidia-smi -lms}
 * process open (one process, not one per sample, so sampling costs no fork per reading).
 * Where nvidia-smi is absent, {@link #start} returns empty and callers report "GPU not sampled".
 */
public final class NvidiaSmiSampler implements AutoCloseable {
    private final Process process;
    private final Thread reader;
    private final List<GpuSample> samples = Collections.synchronizedList(new ArrayList<>());
    private volatile String failure;

    private NvidiaSmiSampler(Process process, RunClock clock, Consumer<GpuSample> listener) {
        this.process = process;
        this.reader = Thread.ofPlatform().daemon().name("nvidia-smi-reader").start(() -> read(clock, listener));
    }

    /** The nvidia-smi executable on PATH, if any. */
    public static Optional<Path> locate() {
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, "nvidia-smi");
            if (Files.isExecutable(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    /** Starts sampling every {@code intervalMillis}, or returns empty when nvidia-smi is not installed. */
    public static Optional<NvidiaSmiSampler> start(RunClock clock, int intervalMillis, Consumer<GpuSample> listener) throws IOException {
        if (locate().isEmpty()) return Optional.empty();
        Process p = new ProcessBuilder(NvidiaSmiCsv.command(intervalMillis)).redirectErrorStream(true).start();
        return Optional.of(new NvidiaSmiSampler(p, clock, listener));
    }

    private void read(RunClock clock, Consumer<GpuSample> listener) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) continue;
                GpuSample s;
                try {
                    s = NvidiaSmiCsv.parse(line, clock.nanos());
                } catch (IllegalArgumentException e) {
                    failure = e.getMessage(); // e.g. "NVIDIA-SMI has failed because it couldn't communicate with the driver"
                    continue;
                }
                samples.add(s);
                listener.accept(s);
            }
        } catch (IOException e) {
            failure = "reading nvidia-smi output failed: " + e.getMessage();
        }
    }

    /** Everything sampled so far. */
    public List<GpuSample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    /** The last line nvidia-smi printed that was not a sample (a driver error), or null. */
    public String failure() {
        return failure;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            reader.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
