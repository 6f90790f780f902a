package io.hybench.bench.load;

import io.hybench.bench.client.RunClock;
import io.hybench.bench.client.StreamingClient;
import io.hybench.bench.client.Target;
import io.hybench.bench.context.GpuMonitor;
import io.hybench.bench.context.ServerProbe;
import io.hybench.bench.context.TargetVersion;
import io.hybench.bench.metrics.OverSaturation;
import io.hybench.bench.metrics.StepStats;
import io.hybench.bench.metrics.StepSummaries;
import io.hybench.bench.metrics.StepSummary;
import io.hybench.bench.results.EnvInfo;
import io.hybench.bench.results.RequestLog;
import io.hybench.bench.results.ResultReader;
import io.hybench.bench.results.SessionSummary;
import io.hybench.bench.results.RunFolder;
import io.hybench.bench.results.RunSummary;
import io.hybench.bench.results.Sharding;
import io.hybench.core.time.ClockAnchor;

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
    private final ShardRun shard;

    private final Object lock = new Object();
    private final List<StepSummary> finished = new ArrayList<>();
    private final List<StepStats> finishedStats = new ArrayList<>();
    private RunFolder folder;
    private RequestLog log;
    private StepRun current;
    private Instant startedAt;
    private boolean done;
    private long firstStepStartNanos = Long.MIN_VALUE;

    /**
     * @param clients builds the streaming client of each target; called for every target before any
     *                request is sent, so a target that cannot be served fails first
     */
    public LoadRunner(Workload workload, ClientFactory clients, RunListener listener) {
        this(workload, clients, listener, null);
    }

    /** @param shard this process's share of a sharded run and the instant all shards start at; null for one machine */
    public LoadRunner(Workload workload, ClientFactory clients, RunListener listener, ShardRun shard) {
        this.workload = workload;
        this.clients = clients;
        this.listener = listener;
        this.shard = shard;
    }

    /** One shard of a run: which share, and the shared start instant (the zero of this shard's run clock). */
    public record ShardRun(ShardSpec spec, SharedStart start) {
        /** The default folder name: the shared start time, the workload and the shard, equal across reruns of one plan. */
        String runId(String workloadName) {
            return RunFolder.newRunId(workloadName, start.at()) + "-shard-" + spec.index() + "-of-" + spec.count();
        }
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
        PromptSource prompts = PromptSource.of(workload.traffic().prompts(), workload.seed(), workload.traffic().request().chat());
        RunClock clock = shard == null ? RunClock.startingNow() : RunClock.zeroAt(shard.start().at().toEpochMilli());
        Map<Target, StreamingClient> opened = new LinkedHashMap<>();
        HttpClient probes = null;
        try {
            for (Target t : workload.targets()) opened.put(t, clients.open(t, clock));
            opened.forEach((t, c) -> Preflight.check(t, c, workload.traffic().request(), clock));
            startedAt = Instant.now();
            String id = runId != null ? runId : shard != null ? shard.runId(workload.name()) : RunFolder.newRunId(workload.name(), startedAt);
            folder = RunFolder.create(resultsDir, id);
            folder.writeWorkload(WorkloadYaml.write(workload));
            folder.writeClock(ClockAnchor.capture(clock.originNanoTime()));
            probes = ServerProbe.newClient();
            folder.writeEnv(env.withTargets(versions(probes)));
            log = folder.openRequestLog();
            Thread hook = Thread.ofPlatform().unstarted(this::stopAndWritePartial);
            Runtime.getRuntime().addShutdownHook(hook);
            try (GpuMonitor gpu = GpuMonitor.start(clock, GPU_INTERVAL_MILLIS)) {
                RunSummary summary = runSteps(opened, prompts, clock, new RunContext(probes, gpu));
                if (workload.traffic().prompts() instanceof PromptSpec.Sessions sessions) {
                    folder.writeSessions(SessionSummary.of(ResultReader.requests(folder.dir()), sessions.turns()));
                }
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
        Double stopOn = workload.shape().run().stopOnErrorRate();
        for (Map.Entry<Target, StreamingClient> e : opened.entrySet()) {
            for (double level : workload.shape().load().levels()) {
                double worstErrorRate = 0;
                OverSaturation.Verdict overSaturated = null;
                for (int rep = 0; rep < workload.shape().run().repetitions(); rep++) {
                    StepPlan plan = new StepPlan(index++, e.getKey(), level, rep);
                    StepSummary s = runStep(plan, e.getValue(), prompts, clock, context);
                    worstErrorRate = Math.max(worstErrorRate, s.rates().errorRate());
                    if (overSaturated == null) overSaturated = s.stopped();
                }
                if (stopOn != null && worstErrorRate > stopOn) {
                    listener.sweepStopped(e.getKey(), level, worstErrorRate);
                    break;
                }
                if (overSaturated != null) {
                    listener.sweepStoppedOverSaturated(e.getKey(), level, overSaturated);
                    break;
                }
            }
        }
        synchronized (lock) {
            done = true;
            RunSummary summary = summary(finished, finishedStats, RunSummary.Status.COMPLETE);
            folder.writeSummary(summary);
            return summary;
        }
    }

    private StepSummary runStep(StepPlan plan, StreamingClient client, PromptSource prompts, RunClock clock, RunContext context)
            throws InterruptedException {
        StepRun step;
        synchronized (lock) {
            if (done) throw new InterruptedException("run interrupted");
            step = new StepRun(workload, plan, client, prompts, clock, folder, log, listener, context,
                    shard == null ? ShardSpec.WHOLE : shard.spec(), shard == null ? Long.MIN_VALUE : 0);
            current = step;
            if (firstStepStartNanos == Long.MIN_VALUE) firstStepStartNanos = step.startNanos();
        }
        StepSummary s = step.run();
        listener.stepFinished(plan, s);
        synchronized (lock) {
            if (done) throw new InterruptedException("run interrupted; partial summary written");
            finished.add(s);
            finishedStats.add(step.stats());
            current = null;
            folder.writeSummary(summary(finished, finishedStats, RunSummary.Status.PARTIAL));
        }
        return s;
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
            List<StepStats> stats = new ArrayList<>(finishedStats);
            if (current != null) {
                current.stop();
                steps.add(current.finish(false, current.inFlightRequests()));
                stats.add(current.stats());
            }
            folder.writeSummary(summary(steps, stats, RunSummary.Status.PARTIAL));
        }
    }

    private RunSummary summary(List<StepSummary> steps, List<StepStats> stats, RunSummary.Status status) {
        StepSummaries.Sweeps sweeps = StepSummaries.sweeps(workload.targets().stream().map(Target::name).toList(),
                workload.shape().load().levels(), steps, stats, workload.checks().slo(), workload.checks().confidence().level(), workload.checks().analysis());
        return RunSummary.of(new RunSummary.Run(folder.runId(), workload.name(), status, startedAt.toString(), Instant.now().toString(),
                workload.seed()), steps, sweeps, sharding(steps));
    }

    /** A shard's own entry: its share, how late its first step began after the shared instant, its clock offset. */
    private Sharding sharding(List<StepSummary> steps) {
        if (shard == null) return null;
        boolean trusted = steps.stream().allMatch(s -> s.selfCheck().trusted());
        double skewMs = firstStepStartNanos == Long.MIN_VALUE ? Double.NaN : firstStepStartNanos / 1e6;
        Sharding.Shard self = new Sharding.Shard(shard.spec().index(), folder.runId(), skewMs, shard.start().clockOffsetMs(),
                shard.start().clockNote(), trusted);
        return new Sharding(shard.spec().count(), PlanHash.of(workload), shard.start().at().toString(), List.of(self));
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and the hook is running or ran: nothing to remove.
        }
    }
}
