package io.hybench.bench.load;

import io.hybench.bench.client.RunClock;
import io.hybench.bench.client.StreamingClient;
import io.hybench.bench.client.Target;
import io.hybench.bench.context.GpuMonitor;
import io.hybench.bench.context.ServerProbe;
import io.hybench.bench.context.TargetVersion;
import io.hybench.bench.metrics.LevelSummary;
import io.hybench.bench.metrics.Metric;
import io.hybench.bench.metrics.Metrics;
import io.hybench.bench.metrics.StepSummaries;
import io.hybench.bench.metrics.StepSummary;
import io.hybench.bench.metrics.SweepAnalysis;
import io.hybench.bench.metrics.SweepPoint;
import io.hybench.bench.results.EnvInfo;
import io.hybench.bench.results.RequestLog;
import io.hybench.bench.results.RunFolder;
import io.hybench.bench.results.RunSummary;
import io.hybench.core.time.ClockAnchor;
import org.HdrHistogram.Histogram;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a workload: for each target, one step per load level of the sweep, each step drained before the
 * next starts. Results go to a new run folder as they happen (requests.jsonl per request, one .hlog per
 * step, summary.json after every step); Ctrl-C leaves a summary marked {@code PARTIAL}.
 */
public final class LoadRunner {
    /** nvidia-smi sampling period: four power readings a second for the energy integral. */
    private static final int GPU_INTERVAL_MILLIS = 250;
    private final Workload workload;
    private final ClientFactory clients;
    private final RunListener listener;

    private final Object lock = new Object();
    private final List<StepSummary> finished = new ArrayList<>();
    private final List<Map<Metric, Histogram>> finishedTotals = new ArrayList<>();
    private RunFolder folder;
    private RequestLog log;
    private StepRun current;
    private Instant startedAt;
    private boolean done;

    /**
     * @param clients builds the streaming client of each target; called for every target before any
     *                request is sent, so a target that cannot be served fails first
     */
    public LoadRunner(Workload workload, ClientFactory clients, RunListener listener) {
        this.workload = workload;
        this.clients = clients;
        this.listener = listener;
    }

    /** The outcome: the run's folder and its final summary. */
    public record Result(RunFolder folder, RunSummary summary) {
    }

    /**
     * Creates {@code resultsDir/<run-id>/}, writes the resolved workload and environment, and runs every step.
     *
     * @param runId folder name, or null for {@link RunFolder#newRunId}
     */
    public Result run(Path resultsDir, String runId, EnvInfo env) throws InterruptedException {
        PromptSource prompts = PromptSource.of(workload.prompts());
        RunClock clock = RunClock.startingNow();
        Map<Target, StreamingClient> opened = new LinkedHashMap<>();
        HttpClient probes = null;
        try {
            for (Target t : workload.targets()) opened.put(t, clients.open(t, clock));
            opened.forEach((t, c) -> Preflight.check(t, c, workload.request(), clock));
            startedAt = Instant.now();
            folder = RunFolder.create(resultsDir, runId != null ? runId : RunFolder.newRunId(workload.name(), startedAt));
            folder.writeWorkload(WorkloadYaml.write(workload));
            folder.writeClock(ClockAnchor.capture(clock.originNanoTime()));
            probes = ServerProbe.newClient();
            folder.writeEnv(env.withTargets(versions(probes)));
            log = folder.openRequestLog();
            Thread hook = Thread.ofPlatform().unstarted(this::stopAndWritePartial);
            Runtime.getRuntime().addShutdownHook(hook);
            try (GpuMonitor gpu = GpuMonitor.start(clock, GPU_INTERVAL_MILLIS)) {
                RunSummary summary = runSteps(opened, prompts, clock, new RunContext(probes, gpu));
                return new Result(folder, summary);
            } finally {
                removeHook(hook);
            }
        } finally {
            opened.values().forEach(StreamingClient::close);
            if (probes != null) probes.close();
            if (log != null) log.close();
        }
    }

    /** Each target's server version, asked where the server has a version endpoint. */
    private List<TargetVersion> versions(HttpClient http) throws InterruptedException {
        List<TargetVersion> out = new ArrayList<>();
        for (Target t : workload.targets()) {
            Optional<ServerProbe> probe = ServerProbe.forTarget(t);
            out.add(probe.isPresent() ? probe.get().version(http) : new TargetVersion(t.name(), null, null, ServerProbe.noProbeReason(t)));
        }
        return out;
    }

    private RunSummary runSteps(Map<Target, StreamingClient> opened, PromptSource prompts, RunClock clock, RunContext context)
            throws InterruptedException {
        int index = 0;
        for (Map.Entry<Target, StreamingClient> e : opened.entrySet()) {
            for (double level : workload.load().levels()) {
                for (int rep = 0; rep < workload.run().repetitions(); rep++) {
                    runStep(new StepPlan(index++, e.getKey(), level, rep), e.getValue(), prompts, clock, context);
                }
            }
        }
        synchronized (lock) {
            done = true;
            RunSummary summary = summary(finished, finishedTotals, RunSummary.Status.COMPLETE);
            folder.writeSummary(summary);
            return summary;
        }
    }

    private void runStep(StepPlan plan, StreamingClient client, PromptSource prompts, RunClock clock, RunContext context)
            throws InterruptedException {
        StepRun step;
        synchronized (lock) {
            if (done) throw new InterruptedException("run interrupted");
            step = new StepRun(workload, plan, client, prompts, clock, folder, log, listener, context);
            current = step;
        }
        StepSummary s = step.run();
        listener.stepFinished(plan, s);
        synchronized (lock) {
            if (done) throw new InterruptedException("run interrupted; partial summary written");
            finished.add(s);
            finishedTotals.add(step.totals());
            current = null;
            folder.writeSummary(summary(finished, finishedTotals, RunSummary.Status.PARTIAL));
        }
    }

    /**
     * The shutdown hook (Ctrl-C): stops dispatching, summarizes the step in progress as far as it got and
     * writes summary.json marked partial. Does nothing once the run has finished.
     */
    void stopAndWritePartial() {
        synchronized (lock) {
            if (done) return;
            done = true;
            List<StepSummary> steps = new ArrayList<>(finished);
            List<Map<Metric, Histogram>> totals = new ArrayList<>(finishedTotals);
            if (current != null) {
                current.stop();
                steps.add(current.finish(false, current.inFlightRequests()));
                totals.add(current.totals());
            }
            folder.writeSummary(summary(steps, totals, RunSummary.Status.PARTIAL));
        }
    }

    private RunSummary summary(List<StepSummary> steps, List<Map<Metric, Histogram>> totals, RunSummary.Status status) {
        List<LevelSummary> levels = new ArrayList<>();
        List<SweepAnalysis> sweeps = new ArrayList<>();
        for (Target t : workload.targets()) {
            List<SweepPoint> points = new ArrayList<>();
            for (double load : workload.load().levels()) {
                List<StepSummary> reps = new ArrayList<>();
                List<Map<Metric, Histogram>> repTotals = new ArrayList<>();
                for (int i = 0; i < steps.size(); i++) {
                    if (steps.get(i).target().equals(t.name()) && steps.get(i).load() == load) {
                        reps.add(steps.get(i));
                        repTotals.add(totals.get(i));
                    }
                }
                if (reps.isEmpty()) continue;
                LevelSummary level = StepSummaries.level(reps, repTotals, workload.slo(), workload.confidence().level());
                levels.add(level);
                points.add(SweepPoint.of(level));
            }
            if (!points.isEmpty()) {
                sweeps.add(Metrics.analyzeSweep(t.name(), points, workload.analysis(), Metrics.hasLimits(workload.slo())));
            }
        }
        return new RunSummary(folder.runId(), workload.name(), status, startedAt.toString(), Instant.now().toString(),
                workload.seed(), steps, levels, sweeps);
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and the hook is running or ran: nothing to remove.
        }
    }
}
