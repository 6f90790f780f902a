package io.hybench.tools.capacity;

import com.sun.management.OperatingSystemMXBean;
import io.hybench.bench.client.ApiKind;
import io.hybench.bench.client.ClientOptions;
import io.hybench.bench.client.RequestRecord;
import io.hybench.bench.client.RunClock;
import io.hybench.bench.client.ServerFlavor;
import io.hybench.bench.client.Target;
import io.hybench.bench.load.ClientFactory;
import io.hybench.bench.load.Distribution;
import io.hybench.bench.load.LoadRunner;
import io.hybench.bench.load.LoadSpec;
import io.hybench.bench.load.PromptSpec;
import io.hybench.bench.load.RequestOptions;
import io.hybench.bench.load.RunLimits;
import io.hybench.bench.load.RunListener;
import io.hybench.bench.load.StepPlan;
import io.hybench.bench.load.Workload;
import io.hybench.bench.metrics.Metric;
import io.hybench.bench.metrics.SecondSample;
import io.hybench.bench.metrics.SelfCheck;
import io.hybench.bench.metrics.Slo;
import io.hybench.bench.metrics.StepSummary;
import io.hybench.bench.results.EnvInfo;
import io.hybench.bench.results.RequestLine;
import io.hybench.bench.results.ResultReader;
import io.hybench.core.os.CarrierNice;
import io.hybench.core.os.SchedulerSlice;
import io.hybench.core.stats.ConfidenceSpec;
import io.hybench.core.stats.Intervals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How much streaming the harness itself can time: the real {@link LoadRunner}, OpenAI client and recorders
 * against a {@link TokenServer} in a separate JVM. Per number of concurrent streams: achieved output
 * tokens/s, the timing error of every token (client arrival − the server's write time embedded in the
 * token, one monotonic clock), harness CPU per streamed token, and heap per 1,000 in-flight streams.
 *
 * <pre>java -cp CP io.hybench.tools.capacity.HarnessCapacityBenchmark STREAMS GAP_MS TOKENS SECONDS</pre>
 * e.g. {@code 100,500,1000 20 50 5}: 1,000 streams of a token every 20 ms is 50,000 tokens/s.
 */
public final class HarnessCapacityBenchmark {
    private static final long SECOND = 1_000_000_000L;
    /** Memory phase: streams held open with a token every this many ms, so all are in flight at once. */
    private static final int SLOW_GAP_MS = 3_000;
    private static final long ONE_MS = 1_000_000L;

    private HarnessCapacityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 5 && args[0].equals("open")) {
            openLoop(Arrays.stream(args[1].split(",")).mapToDouble(Double::parseDouble).toArray(), Integer.parseInt(args[2]),
                    Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            return;
        }
        if (args.length != 4) {
            System.err.println("usage: HarnessCapacityBenchmark STREAMS(comma list) GAP_MS TOKENS SECONDS");
            System.err.println("       HarnessCapacityBenchmark open RATES(comma list, requests/s) GAP_MS TOKENS SECONDS");
            System.exit(2);
        }
        int[] levels = Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray();
        int gapMs = Integer.parseInt(args[1]);
        int tokens = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        Process server = startServer();
        try {
            int port = readPort(server);
            Path dir = Files.createTempDirectory("hybench-capacity");
            EnvInfo env = EnvInfo.capture("capacity");
            System.out.printf(Locale.ROOT, "# %s %s, %d cores (%s); token server pid %d on port %d; I/O threads: %s; request threads: %s%n",
                    env.java().vendor(), env.java().version(), env.resources().availableProcessors(), env.resources().cpuModel(), server.pid(), port,
                    SchedulerSlice.probe().describe(), requestThreads());
            // warm the JIT first at the highest level, whose paths (full batches, many streams per read) the lower levels
            // also take; its compile threads' CPU would otherwise land on the levels (JIT column); not reported
            timing(port, Arrays.stream(levels).max().orElseThrow(), gapMs, tokens, 5, dir, env);
            System.out.println("| streams | target tok/s | achieved tok/s | tokens timed | error P50 ms | P99 ms | P99.9 ms | max ms"
                    + " | harness CPU µs/token (measured seconds) | of which " + groupLabels() + " | harness CPU % of all cores | failed requests | harness wake-up P99 ms"
                    + " | timing ± ms (self-check) | trusted | heap per 1,000 in-flight streams (MiB) | load avg before → after |");
            System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---|---:|---|");
            String best = "none";
            for (int n : levels) {
                String before = loadAverage();
                Timing t = timing(port, n, gapMs, tokens, seconds, dir, env);
                if (pct(t.errorsNanos, 99) < ONE_MS) {
                    best = String.format(Locale.ROOT, "%.0f tokens/s (%d streams, load average %s)", t.achievedTokensPerSecond, n, loadAverage());
                }
                double heapPer1000 = heapPerThousand(port, n, dir, env);
                System.out.printf(Locale.ROOT, "| %d | %.0f | %.0f | %d | %.3f | %.3f | %.3f | %.3f | %.1f | %s | %.0f | %d | %.2f | %.2f | %s | %.1f | %s → %s |%n",
                        n, n * 1000.0 / gapMs, t.achievedTokensPerSecond, t.errorsNanos.length, ms(pct(t.errorsNanos, 50)),
                        ms(pct(t.errorsNanos, 99)), ms(pct(t.errorsNanos, 99.9)), ms(t.errorsNanos[t.errorsNanos.length - 1]),
                        t.cost.cpuMicrosPerToken, t.cost.groups(), t.cost.cpuFraction * 100, t.failed,
                        t.selfCheck.lateness().hiccupP99Ms(), t.selfCheck.timing().uncertaintyMs(),
                        t.selfCheck.trusted() ? "yes" : "no: " + t.selfCheck.warnings(), heapPer1000, before, loadAverage());
            }
            System.out.println("highest rate timed with P99 error under 1 ms: " + best);
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        } finally {
            server.getOutputStream().close();
            server.destroy();
        }
    }

    /**
     * One timed level: what it achieved, its token timing errors (ns, sorted), the harness's own cost and the
     * step's self-check (wake-up hiccups, timing uncertainty, trusted and its warnings).
     */
    private record Timing(double achievedTokensPerSecond, long[] errorsNanos, long failed, HarnessCost cost, SelfCheck selfCheck) {
    }

    /**
     * The harness's CPU over the step's measured seconds (after its warm-up, so the JIT's start-up work is mostly
     * behind it), per token that arrived in them.
     *
     * @param cpuMicrosPerToken harness CPU per streamed token
     * @param byGroup           of which each group of threads ({@link ThreadGroupCpu}), µs per token; empty without /proc
     * @param cpuFraction       harness CPU as a fraction of all cores
     */
    private record HarnessCost(double cpuMicrosPerToken, Map<ThreadGroupCpu.Group, Double> byGroup, double cpuFraction) {
        String groups() {
            if (byGroup.isEmpty()) return "n/a";
            StringBuilder b = new StringBuilder();
            byGroup.forEach((g, us) -> b.append(b.isEmpty() ? "" : " / ").append(String.format(Locale.ROOT, "%.1f", us)));
            return b.toString();
        }
    }

    /** Process and per-group CPU at one moment of the run's clock. */
    private record CpuMark(long runNanos, long processCpuNanos, Map<ThreadGroupCpu.Group, Long> groups) {
        static CpuMark now(RunClock clock, OperatingSystemMXBean os) {
            return new CpuMark(clock.nanos(), os.getProcessCpuTime(), ThreadGroupCpu.read());
        }
    }

    /** Marks CPU at the first and the latest measured (non-warm-up) second of a step. */
    private static final class MeasuredWindow implements RunListener {
        private final AtomicReference<RunClock> clock;
        private final OperatingSystemMXBean os;
        private volatile CpuMark first;
        private volatile CpuMark last;

        MeasuredWindow(AtomicReference<RunClock> clock, OperatingSystemMXBean os) {
            this.clock = clock;
            this.os = os;
        }

        @Override
        public void progress(StepPlan step, SecondSample sample, StepProgress progress) {
            if (sample.warmup() || clock.get() == null) return;
            CpuMark m = CpuMark.now(clock.get(), os);
            if (first == null) first = m;
            else last = m;
        }

        HarnessCost cost(List<RequestLine> lines, int cores) {
            if (first == null || last == null) throw new IllegalStateException("the step had fewer than two measured seconds");
            long tokens = lines.stream().flatMapToLong(l -> Arrays.stream(l.record().timeline().chunkArrivalNanos()))
                    .filter(t -> t > first.runNanos && t <= last.runNanos).count();
            if (tokens == 0) throw new IllegalStateException("no token arrived in the measured seconds");
            long cpu = last.processCpuNanos - first.processCpuNanos;
            Map<ThreadGroupCpu.Group, Double> byGroup = new EnumMap<>(ThreadGroupCpu.Group.class);
            ThreadGroupCpu.minus(last.groups, first.groups).forEach((g, ns) -> byGroup.put(g, ns / 1e3 / tokens));
            return new HarnessCost(cpu / 1e3 / tokens, byGroup, (double) cpu / (last.runNanos - first.runNanos) / cores);
        }
    }

    private static Timing timing(int port, int streams, int gapMs, int tokens, int seconds, Path dir, EnvInfo env) throws Exception {
        AtomicReference<RunClock> clock = new AtomicReference<>();
        MeasuredWindow window = new MeasuredWindow(clock, (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean());
        LoadRunner.Result r = new LoadRunner(workload(port, streams, gapMs, tokens, 2 * SECOND, seconds * SECOND), capturing(clock),
                window).run(dir, null, env);
        List<RequestLine> lines = ResultReader.requests(r.folder().dir());
        List<Long> errors = new ArrayList<>();
        long origin = clock.get().toNanoTime(0);
        for (RequestLine l : lines) {
            if (l.warmup()) continue;
            RequestRecord rec = l.record();
            long[] written = writeTimes(rec.reply().text());
            long[] arrived = rec.timeline().chunkArrivalNanos();
            if (written.length != arrived.length) throw new IllegalStateException(rec.requestId() + ": " + arrived.length
                    + " content chunks but " + written.length + " stamped tokens");
            for (int i = 0; i < arrived.length; i++) errors.add(origin + arrived[i] - written[i]);
        }
        if (errors.isEmpty()) throw new IllegalStateException("no measured tokens at " + streams + " streams");
        long[] sorted = errors.stream().mapToLong(Long::longValue).sorted().toArray();
        StepSummary step = r.summary().steps().get(0);
        return new Timing(step.rates().outputTokensPerSecond(), sorted, lines.stream().filter(l -> !l.record().succeeded()).count(),
                window.cost(lines, env.resources().availableProcessors()), step.selfCheck());
    }

    /**
     * Heap in use (after a full GC) with {@code streams} streams open at once, minus the heap before the
     * run, per 1,000 streams. The streams are slow (a token every few seconds) so all are in flight when
     * the reporter's first tick triggers the measurement.
     */
    private static double heapPerThousand(int port, int streams, Path dir, EnvInfo env) throws Exception {
        System.gc();
        long baseline = heapUsed();
        AtomicLong inFlightHeap = new AtomicLong(-1);
        RunListener measureOnce = new RunListener() {
            @Override
            public void progress(StepPlan step, SecondSample sample, StepProgress progress) {
                if (inFlightHeap.get() < 0 && sample.inFlight() >= streams) {
                    System.gc();
                    inFlightHeap.set(heapUsed());
                }
            }
        };
        new LoadRunner(workload(port, streams, SLOW_GAP_MS, 2, 0, 2 * SECOND), capturing(new AtomicReference<>()), measureOnce)
                .run(dir, null, env);
        if (inFlightHeap.get() < 0) return Double.NaN;
        return (inFlightHeap.get() - baseline) / (1024.0 * 1024.0) * 1000.0 / streams;
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static Workload workload(int port, int streams, int gapMs, int tokens, long warmupNanos, long durationNanos) {
        return workload(port, new LoadSpec.ClosedLoop(List.of(streams), new Distribution.Fixed(0)), "capacity-" + streams, gapMs, tokens,
                warmupNanos, durationNanos);
    }

    private static Workload workload(int port, LoadSpec load, String name, int gapMs, int tokens, long warmupNanos, long durationNanos) {
        Target t = new Target("tokens", ApiKind.OPENAI, ServerFlavor.GENERIC, URI.create("http://127.0.0.1:" + port),
                "every-" + gapMs + "ms", null);
        return new Workload(name, 1, List.of(t),
                new Workload.Traffic(new RequestOptions(true, false, null), new PromptSpec.Synthetic(new Distribution.Fixed(8), new Distribution.Fixed(tokens))),
                new Workload.Shape(load, new RunLimits(warmupNanos, durationNanos, null, 120 * SECOND)),
                Workload.Checks.of(new Slo(null, null, null, 0.99), new ConfidenceSpec(0, 0.95)));
    }

    /**
     * Open loop: constant arrivals at each rate, every request streaming {@code tokens} tokens {@code gapMs} apart.
     * How far behind its schedule the harness sent (send lag: the client started sending − the intended time).
     */
    private static void openLoop(double[] rates, int gapMs, int tokens, int seconds) throws Exception {
        Process server = startServer();
        try {
            int port = readPort(server);
            Path dir = Files.createTempDirectory("hybench-capacity");
            EnvInfo env = EnvInfo.capture("capacity");
            System.out.printf(Locale.ROOT, "# %s %s, %d cores (%s); token server pid %d on port %d; %d tokens %d ms apart per request; I/O and dispatch threads: %s; request threads: %s%n",
                    env.java().vendor(), env.java().version(), env.resources().availableProcessors(), env.resources().cpuModel(), server.pid(), port, tokens, gapMs,
                    SchedulerSlice.probe().describe(), requestThreads());
            OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            new LoadRunner(workload(port, new LoadSpec.OpenLoop(List.of(rates[0]), LoadSpec.Arrival.CONSTANT, null), "open-warmup",
                    gapMs, tokens, 2 * SECOND, 3 * SECOND), capturing(new AtomicReference<>()), RunListener.NONE).run(dir, null, env);
            System.out.println("| target req/s | offered req/s | completed req/s | requests | failed | send lag P50 / P99 / max ms"
                    + " | schedule lag P99 ms | harness CPU µs/request | harness CPU % of all cores | load avg before → after |");
            System.out.println("|---:|---:|---:|---:|---:|---|---:|---:|---:|---|");
            for (double rate : rates) {
                String before = loadAverage();
                long cpuBefore = os.getProcessCpuTime();
                long wallBefore = System.nanoTime();
                LoadRunner.Result r = new LoadRunner(workload(port, new LoadSpec.OpenLoop(List.of(rate), LoadSpec.Arrival.CONSTANT, null),
                        "open-" + rate, gapMs, tokens, 2 * SECOND, seconds * SECOND), capturing(new AtomicReference<>()), RunListener.NONE)
                        .run(dir, null, env);
                long cpu = os.getProcessCpuTime() - cpuBefore;
                long wall = System.nanoTime() - wallBefore;
                StepSummary st = r.summary().steps().get(0);
                long all = ResultReader.requests(r.folder().dir()).size();
                var lag = st.latencyMs().get(Metric.SEND_LAG);
                System.out.printf(Locale.ROOT, "| %.0f | %.1f | %.1f | %d | %d | %.3f / %.3f / %.3f | %.3f | %.1f | %.0f | %s → %s |%n",
                        rate, st.rates().offeredRatePerSecond(), st.rates().requestsPerSecond(), st.counts().requests(), st.counts().requests() - st.counts().succeeded(),
                        lag.p50Ms(), lag.p99Ms(), lag.maxMs(), st.latencyMs().get(Metric.SCHEDULE_LAG).p99Ms(), cpu / 1e3 / all,
                        (double) cpu / wall / env.resources().availableProcessors() * 100, before, loadAverage());
            }
        } finally {
            server.getOutputStream().close();
            server.destroy();
        }
    }

    private static String groupLabels() {
        return Arrays.stream(ThreadGroupCpu.Group.values()).map(g -> g.label).collect(Collectors.joining(" / "));
    }

    private static ClientFactory capturing(AtomicReference<RunClock> clock) {
        ClientFactory real = ClientFactory.streaming(ClientOptions.DEFAULTS);
        return (target, runClock) -> {
            clock.set(runClock);
            return real.open(target, runClock);
        };
    }

    /** The server's write times, from the text " t<nanoTime> t<nanoTime> ...". */
    static long[] writeTimes(String text) {
        return Arrays.stream(text.trim().split(" ")).filter(s -> !s.isEmpty()).mapToLong(s -> Long.parseLong(s.substring(1))).toArray();
    }

    /** How the request threads' carriers are weighted ({@link CarrierNice}). */
    private static String requestThreads() {
        return CarrierNice.target().isPresent() ? "nice " + CarrierNice.target().getAsInt() : "the process's nice value";
    }

    /** {@code -Dhybench.serverCpus=LIST} pins the token server to those CPUs ({@code taskset -c}); the client is pinned by whoever starts it. */
    private static Process startServer() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>();
        String cpus = System.getProperty("hybench.serverCpus");
        if (cpus != null) command.addAll(List.of("taskset", "-c", cpus));
        command.addAll(List.of(java, "-cp", System.getProperty("java.class.path"), TokenServer.class.getName(), "0"));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static int readPort(Process server) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("listening ")) throw new IOException("token server did not start: " + line);
        return Integer.parseInt(line.substring("listening ".length()).trim());
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static long pct(long[] sorted, double p) {
        return Intervals.nearestRank(sorted, sorted.length, p);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
