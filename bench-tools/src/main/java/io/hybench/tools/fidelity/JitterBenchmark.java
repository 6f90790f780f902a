package io.hybench.tools.fidelity;

import io.hybench.emulator.Emulator;
import io.hybench.emulator.profile.CloudParams;
import io.hybench.emulator.profile.EmulatorProfile;
import io.hybench.emulator.profile.FaultParams;
import io.hybench.emulator.profile.OutputParams;
import io.hybench.emulator.truth.TruthRecord;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The emulator's timing fidelity: how late chunks are written (written − scheduled, from the truth
 * log) and how late the client reads them (read − scheduled; {@link System#nanoTime()} is
 * CLOCK_MONOTONIC and so comparable across processes on Linux), at several numbers of concurrent
 * streams. Streams are independent (a cloud profile: {@code tokens} tokens at {@code rate} tok/s
 * with lognormal gap jitter, σ 0.3) so writes spread out in time; they start evenly over one second
 * ({@link JitterClient}). A 64-stream level warms the JIT first and is not reported.
 */
public final class JitterBenchmark {
    static final String MODEL = "jitter-model";
    private static final long RAMP_NANOS = 1_000_000_000L;
    private static final int WARM_UP_STREAMS = 64;
    private static final double GAP_SIGMA = 0.3;

    private JitterBenchmark() {
    }

    /** Where the client runs: its own JVM (no CPU time, GC or JIT shared inside one process) or the emulator's. */
    public enum ClientMode { PROCESS, IN_JVM }

    /**
     * @param clientCpus Linux CPU list for the client process ({@code taskset -c}), so that on a machine
     *                   with spare cores the emulator's own CPUs serve only the emulator; null: no pinning
     */
    public record Settings(List<Integer> levels, int tokens, double tokensPerSecond, ClientMode client, long seed,
                           String clientCpus) {
        public Settings {
            if (levels.isEmpty() || levels.stream().anyMatch(l -> l < 1)) {
                throw new IllegalArgumentException("stream counts must be >= 1: " + levels);
            }
            if (tokens < 1) throw new IllegalArgumentException("tokens must be >= 1: " + tokens);
            if (!(tokensPerSecond > 0)) throw new IllegalArgumentException("rate must be > 0: " + tokensPerSecond);
            if (clientCpus != null && client != ClientMode.PROCESS) {
                throw new IllegalArgumentException("client CPUs can only be set for a client process");
            }
            levels = List.copyOf(levels);
        }
    }

    /** Lateness percentiles in microseconds. */
    public record Lateness(long count, double p50Micros, double p99Micros, double maxMicros) {
        static Lateness of(Histogram h) {
            return new Lateness(h.getTotalCount(), h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3,
                    h.getMaxValue() / 1e3);
        }
    }

    /** One level: token writes as the emulator timed them, and as the client read them. */
    public record LevelResult(int streams, Lateness written, Lateness read, int failedStreams) {
    }

    public static List<LevelResult> run(Settings settings) throws InterruptedException {
        EmulatorProfile profile = new EmulatorProfile("jitter-benchmark", "independent streams for the jitter benchmark",
                MODEL, "0", new CloudParams(0, 1_000_000, 0.5, 1e9, settings.tokensPerSecond(), GAP_SIGMA, 0, 0, 0),
                new OutputParams(1_000_000, 0, 10_000_000), FaultParams.NONE);
        List<Integer> levels = new ArrayList<>();
        levels.add(WARM_UP_STREAMS);
        levels.addAll(settings.levels());
        try (Emulator emulator = Emulator.start(profile, 0, settings.seed())) {
            String frames = switch (settings.client()) {
                case IN_JVM -> {
                    StringWriter text = new StringWriter();
                    try (PrintWriter out = new PrintWriter(text)) {
                        new JitterClient(emulator.baseUrl(), settings.tokens(), RAMP_NANOS).runLevels(levels, out);
                    }
                    yield text.toString();
                }
                case PROCESS -> clientProcess(emulator, settings.tokens(), levels, settings.clientCpus());
            };
            return score(emulator, levels, frames);
        }
    }

    private static String clientProcess(Emulator emulator, int tokens, List<Integer> levels, String cpus)
            throws InterruptedException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>();
        if (cpus != null) command.addAll(List.of("taskset", "-c", cpus));
        command.add(java);
        // the parent's heap, GC and logging flags (-Xlog:gc when asked), never its debugger
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-X") && !a.startsWith("-Xrun") && !a.startsWith("-Xdebug")).forEach(command::add);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), JitterClient.class.getName(),
                emulator.baseUrl().toString(), Integer.toString(tokens), Long.toString(RAMP_NANOS),
                levels.stream().map(String::valueOf).collect(Collectors.joining(","))));
        try {
            Path output = Files.createTempFile("hybench-jitter-", ".txt");
            try {
                Process client = new ProcessBuilder(command).redirectOutput(output.toFile())
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                int exit = client.waitFor();
                if (exit != 0) throw new IllegalStateException("jitter client process exited with " + exit + ": " + command);
                return Files.readString(output, StandardCharsets.US_ASCII);
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the jitter client process: " + e.getMessage(), e);
        }
    }

    /** Pairs client chunks with truth records: stream k's chunk i is the token-i write of the request that carried k's id. */
    static List<LevelResult> score(Emulator emulator, List<Integer> levels, String frames) {
        Map<String, Map<Integer, TruthRecord>> tokens = new HashMap<>();
        for (TruthRecord r : emulator.truth().records()) {
            if (r.kind().equals("token") && r.clientRequest() != null) {
                tokens.computeIfAbsent(r.clientRequest(), k -> new HashMap<>()).put(r.token(), r);
            }
        }
        Map<Integer, List<long[]>> received = new HashMap<>();
        Map<Integer, String> failed = new HashMap<>();
        for (String line : frames.split("\n")) {
            String[] f = line.split(" ", 4);
            switch (f[0]) {
                case "S" -> received.computeIfAbsent(Integer.parseInt(f[1]), k -> new ArrayList<>())
                        .add(new long[]{Integer.parseInt(f[2]), Long.parseLong(f[3])});
                case "F" -> failed.put(Integer.parseInt(f[1]), line);
                default -> {
                    // a line the client JVM printed itself (e.g. -Xlog:gc), not a chunk
                }
            }
        }
        long origin = emulator.originNanoTime();
        List<LevelResult> results = new ArrayList<>();
        int first = 0;
        for (int level = 0; level < levels.size(); level++) {
            int streams = levels.get(level);
            Histogram written = new Histogram(3);
            Histogram read = new Histogram(3);
            int failures = 0;
            for (int k = first; k < first + streams; k++) {
                Map<Integer, TruthRecord> writes = tokens.getOrDefault(JitterClient.requestId(k), Map.of());
                List<long[]> got = received.getOrDefault(k, List.of());
                // one content chunk per token write; anything else means the pairing is off
                if (failed.containsKey(k) || writes.isEmpty() || got.size() != writes.size()) {
                    failures++;
                    continue;
                }
                for (TruthRecord r : writes.values()) written.recordValue(Math.max(0, r.lateNanos()));
                for (long[] chunk : got) read.recordValue(Math.max(0, chunk[1] - origin - writes.get((int) chunk[0]).scheduledNanos()));
            }
            if (level > 0) results.add(new LevelResult(streams, Lateness.of(written), Lateness.of(read), failures));
            first += streams;
        }
        return results;
    }

    /** The results as a Markdown table (as docs/performance.md shows them). */
    public static String table(List<LevelResult> results) {
        StringBuilder sb = new StringBuilder();
        sb.append("| streams | token writes | written P50 (µs) | written P99 (µs) | written max (µs) "
                + "| read P50 (µs) | read P99 (µs) | read max (µs) | failed streams |\n");
        sb.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (LevelResult r : results) {
            sb.append(String.format(Locale.ROOT, "| %d | %d | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %d |%n",
                    r.streams(), r.written().count(), r.written().p50Micros(), r.written().p99Micros(), r.written().maxMicros(),
                    r.read().p50Micros(), r.read().p99Micros(), r.read().maxMicros(), r.failedStreams()));
        }
        return sb.toString();
    }
}
