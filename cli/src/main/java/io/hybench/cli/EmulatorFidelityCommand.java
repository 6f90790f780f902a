package io.hybench.cli;

import io.hybench.tools.fidelity.JitterBenchmark.ClientMode;
import io.hybench.tools.fidelity.JitterBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code hybench emulator-fidelity}: the emulator's emission jitter benchmark (docs/performance.md). */
@Command(name = "emulator-fidelity", mixinStandardHelpOptions = true,
        description = "Measure how late the emulator writes, and a client reads, each chunk vs its scheduled time, "
                + "at several numbers of concurrent streams.")
public final class EmulatorFidelityCommand implements Callable<Integer> {
    @Option(names = "--streams", split = ",", defaultValue = "1,64,256,1024", description = "Concurrent stream counts.")
    List<Integer> streams;

    @Option(names = "--tokens", defaultValue = "100", description = "Tokens per stream.")
    int tokens;

    @Option(names = "--rate", defaultValue = "20", description = "Tokens per second per stream.")
    double rate;

    @Option(names = "--client", defaultValue = "PROCESS",
            description = "Where the streaming clients run: PROCESS (own JVM) or IN_JVM.")
    ClientMode client;

    @Option(names = "--client-cpus", description = "Pin the client process to these CPUs (taskset -c list, e.g. 2,3); "
            + "run the command itself under taskset to give the emulator its own CPUs.")
    String clientCpus;

    @Option(names = "--seed", defaultValue = "1", description = "Emulator seed.")
    long seed;

    @Override
    public Integer call() throws InterruptedException {
        var os = ManagementFactory.getOperatingSystemMXBean();
        System.out.printf(Locale.ROOT, "%s  JDK %s  GC %s  %d CPUs  load average %.2f  client %s%s%n",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), Runtime.version(), collectors(),
                Runtime.getRuntime().availableProcessors(), os.getSystemLoadAverage(), client,
                clientCpus == null ? "" : " on CPUs " + clientCpus);
        List<JitterBenchmark.LevelResult> results = JitterBenchmark.run(
                new JitterBenchmark.Settings(streams, tokens, rate, client, seed, clientCpus));
        System.out.print(JitterBenchmark.table(results));
        System.out.printf(Locale.ROOT, "load average after: %.2f%n", os.getSystemLoadAverage());
        return results.stream().anyMatch(r -> r.failedStreams() > 0) ? 1 : 0;
    }

    private static String collectors() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).collect(Collectors.joining("/"));
    }
}
