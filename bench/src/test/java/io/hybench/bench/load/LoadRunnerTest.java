package io.hybench.bench.load;

import io.hybench.bench.client.ApiKind;
import io.hybench.bench.client.ServerFlavor;
import io.hybench.bench.client.Target;
import io.hybench.bench.context.TargetVersion;
import io.hybench.bench.metrics.Metric;
import io.hybench.bench.metrics.Metrics;
import io.hybench.bench.metrics.Slo;
import io.hybench.bench.metrics.StepSummary;
import io.hybench.bench.results.EnvInfo;
import io.hybench.bench.results.RequestLine;
import io.hybench.bench.results.ResultReader;
import io.hybench.bench.results.RunFolder;
import io.hybench.bench.results.RunSummary;
import io.hybench.bench.results.SweepTable;
import io.hybench.core.mapper.Json;
import io.hybench.core.stats.ConfidenceSpec;
import io.hybench.core.time.ClockAnchor;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadRunnerTest {
    private static final Target TARGET = new Target("fake", ApiKind.OPENAI, ServerFlavor.GENERIC, URI.create("http://127.0.0.1:1"), "m", null);
    private static final EnvInfo ENV = EnvInfo.capture("test");

    private static Workload workload(LoadSpec load, RunLimits run) {
        return new Workload("unit", 99, List.of(TARGET),
                new Workload.Traffic(new RequestOptions(true, false, null), new PromptSpec.Synthetic(new Distribution.Fixed(20), new Distribution.Fixed(5))),
                new Workload.Shape(load, run), Workload.Checks.of(new Slo(null, null, 1000.0, 0.9), new ConfidenceSpec(100, 0.95)));
    }

    private static ClientFactory scripted(long ttftMs, long gapMs, int tokens, int slots, int failEvery, IntConsumer hook) {
        return (t, clock) -> new ScriptedStreamingClient(t, clock, ttftMs, gapMs, tokens, slots, failEvery, hook);
    }

    @Test
    void closedLoopSweepWritesAResultFolderThatReadsBack(@TempDir Path results) throws Exception {
        Workload w = workload(new LoadSpec.ClosedLoop(List.of(1, 2), new Distribution.Fixed(0)),
                new RunLimits(100_000_000L, null, 12, 5_000_000_000L, 2));
        LoadRunner.Result r = new LoadRunner(w, scripted(3, 1, 5, Integer.MAX_VALUE, 4, i -> {
        }), RunListener.NONE).run(results, "run-1", ENV);

        RunSummary s = r.summary();
        assertEquals(RunSummary.Status.COMPLETE, s.run().status());
        assertEquals(4, s.steps().size(), "2 levels x 2 repetitions");
        assertEquals(List.of(0, 1, 0, 1), s.steps().stream().map(st -> st.step().repetition()).toList());
        assertEquals(2, s.levels().size());
        assertEquals(List.of(2, 3), s.levels().get(1).steps());
        assertEquals(24, s.levels().get(1).outcome().requests());
        List<RequestLine> lines = ResultReader.requests(r.folder().dir());
        for (StepSummary step : s.steps()) {
            assertEquals(12, step.counts().requests(), "request-count stop counts measured requests");
            assertTrue(step.complete());
            long measuredLines = lines.stream().filter(l -> l.step() == step.step().index() && !l.warmup()).count();
            long warmupLines = lines.stream().filter(l -> l.step() == step.step().index() && l.warmup()).count();
            assertEquals(12, measuredLines);
            assertEquals(step.counts().warmupRequests(), warmupLines);
            long failedLines = lines.stream().filter(l -> l.step() == step.step().index() && !l.warmup() && !l.record().succeeded()).count();
            assertEquals(step.counts().failed(), failedLines);
            Histogram e2e = ResultReader.histogramTotals(r.folder().dir().resolve(step.context().hlog())).get(Metric.E2E);
            assertEquals(step.counts().succeeded(), e2e.getTotalCount(), "the .hlog holds exactly the measured successes");
            assertEquals(step.latencyMs().get(Metric.E2E).p99Ms(), Metrics.percentiles(e2e).p99Ms());
            assertTrue(lines.stream().filter(l -> l.step() == step.step().index() && !l.warmup())
                    .allMatch(l -> l.record().timeline().intendedSendNanos() >= step.window().startNanos()), "warm-up excluded by intended time");
        }
        assertTrue(lines.stream().allMatch(l -> l.requestedMaxTokens() == 5 && l.category() == null));
        assertEquals(s.steps().stream().mapToLong(st -> st.counts().requests() + st.counts().warmupRequests()).sum(), lines.size());

        ResultReader.LoadedRun loaded = ResultReader.load(r.folder().dir());
        assertEquals(s, loaded.summary(), "summary.json reads back to the same summary");
        assertEquals(w, WorkloadYaml.parse(loaded.workloadYaml(), "resolved", results));
        assertEquals(ENV.withTargets(List.of(new TargetVersion("fake", null, null,
                "no server-side endpoints for openai targets of flavor generic (only Ollama and vLLM report their state)"))), loaded.env(),
                "env.json: the machine, and why the target's version is unknown");
        assertEquals(1, s.sweeps().size());
        ClockAnchor clock = Json.MAPPER.readValue(r.folder().dir().resolve(RunFolder.CLOCK).toFile(), ClockAnchor.class);
        assertTrue(clock.anchorNanoTime() >= clock.originNanoTime(), "clock.json: the run clock's origin, anchored to the wall clock");

        String table = SweepTable.render(s);
        assertTrue(table.startsWith("run run-1 (complete)\n"), table);
        assertTrue(table.contains("fake: saturation "), table);
        assertEquals(3, table.lines().filter(l -> l.contains("users=1 ")).count(), table);
        assertTrue(table.contains("per load level, repetitions combined:"), table);
    }

    @Test
    void aSweepStopsAfterALevelWhoseErrorRateIsTooHigh(@TempDir Path results) throws Exception {
        List<Double> stoppedAt = new java.util.ArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public void sweepStopped(Target target, double level, double errorRate) {
                stoppedAt.add(level);
                stoppedAt.add(errorRate);
            }
        };
        // Every 2nd request fails: half of each step, above a 0.3 limit, so only the first level runs.
        Workload w = workload(new LoadSpec.ClosedLoop(List.of(1, 2, 4), new Distribution.Fixed(0)),
                new RunLimits(0, null, 10, 5_000_000_000L, 1, 0.3));
        RunSummary s = new LoadRunner(w, scripted(2, 1, 3, Integer.MAX_VALUE, 2, i -> {
        }), listener).run(results, "stop", ENV).summary();
        assertEquals(List.of(1.0), s.steps().stream().map(x -> x.step().load()).toList(), "levels 2 and 4 were not run");
        assertEquals(1.0, stoppedAt.getFirst());
        assertTrue(stoppedAt.get(1) > 0.3, "the error rate that stopped it: " + stoppedAt);
        assertEquals(RunSummary.Status.COMPLETE, s.run().status());
        Workload loose = workload(w.shape().load(), new RunLimits(0, null, 10, 5_000_000_000L, 1, 0.9));
        assertEquals(3, new LoadRunner(loose, scripted(2, 1, 3, Integer.MAX_VALUE, 2, i -> {
        }), RunListener.NONE).run(results, "go-on", ENV).summary().steps().size(), "below the limit every level runs");
    }

    @Test
    void openLoopLatencyIncludesAServerStallThatClosedLoopHides(@TempDir Path results) throws Exception {
        long stallMs = 400;
        IntConsumer stallAtCall10 = call -> {
            if (call == 10) sleep(stallMs);
        };
        // One slot: a stalled request blocks the server, as a single-slot Ollama would.
        Workload open = workload(new LoadSpec.OpenLoop(List.of(50.0), LoadSpec.Arrival.CONSTANT, null),
                new RunLimits(0, null, 40, 5_000_000_000L));
        StepSummary o = new LoadRunner(open, scripted(2, 1, 3, 1, 0, stallAtCall10), RunListener.NONE)
                .run(results, "open", ENV).summary().steps().get(0);
        Workload closed = workload(new LoadSpec.ClosedLoop(List.of(1), new Distribution.Fixed(0)),
                new RunLimits(0, null, 40, 5_000_000_000L));
        StepSummary c = new LoadRunner(closed, scripted(2, 1, 3, 1, 0, stallAtCall10), RunListener.NONE)
                .run(results, "closed", ENV).summary().steps().get(0);

        long openSlow = slowRequests(results.resolve("open"), 100);
        long closedSlow = slowRequests(results.resolve("closed"), 100);
        assertTrue(o.latencyMs().get(Metric.E2E).maxMs() >= stallMs, "open loop sees the whole stall");
        // Arrivals every 20 ms queue behind a 400 ms stall: those within ~300 ms of it wait > 100 ms.
        assertTrue(openSlow >= 10, "requests queued behind the stall carry it in their latency: " + openSlow);
        // Not "exactly one": on a loaded machine a few more may cross 100 ms by scheduling alone, never the queue.
        assertTrue(closedSlow >= 1 && closedSlow * 3 <= openSlow,
                "a closed-loop user waits, so only the stalled request looks slow: closed " + closedSlow + ", open " + openSlow);
        assertTrue(c.latencyMs().get(Metric.E2E).maxMs() >= stallMs);
    }

    @Test
    void inFlightCapDelaysSendsWithoutBlamingTheHarness(@TempDir Path results) throws Exception {
        Workload w = workload(new LoadSpec.OpenLoop(List.of(100.0), LoadSpec.Arrival.CONSTANT, 1), new RunLimits(0, null, 20, 5_000_000_000L));
        StepSummary s = new LoadRunner(w, scripted(20, 5, 3, Integer.MAX_VALUE, 0, i -> {
        }), RunListener.NONE).run(results, "cap", ENV).summary().steps().get(0);
        // 30 ms of service per request but arrivals every 10 ms and one slot: sends fall ever further behind.
        assertTrue(s.latencyMs().get(Metric.SEND_LAG).maxMs() > 200, "capped arrivals wait, and the wait is latency");
        assertTrue(s.latencyMs().get(Metric.SCHEDULE_LAG).p99Ms() < s.latencyMs().get(Metric.SEND_LAG).maxMs(),
                "dispatch itself stayed on schedule");
    }

    @Test
    void rampedUsersJoinEvenlyBeforeTheWarmup(@TempDir Path results) throws Exception {
        long ramp = 400_000_000L;
        Workload w = workload(new LoadSpec.ClosedLoop(List.of(4), new Distribution.Fixed(0), ramp), new RunLimits(100_000_000L, null, 8, 5_000_000_000L));
        Path dir = new LoadRunner(w, scripted(2, 1, 3, Integer.MAX_VALUE, 0, i -> {
        }), RunListener.NONE).run(results, "ramp", ENV).folder().dir();
        List<RequestLine> lines = ResultReader.requests(dir);
        long start = lines.stream().mapToLong(l -> l.record().timeline().intendedSendNanos()).min().orElseThrow();
        // user u's first request is due u/4 of the way through the ramp, to the nanosecond; warm-up is what follows the ramp
        for (int u = 0; u < 4; u++) {
            long due = start + ramp * u / 4;
            assertTrue(lines.stream().anyMatch(l -> l.record().timeline().intendedSendNanos() == due), "user " + u + " joins at " + due);
        }
        long warmupEnd = start + ramp + 100_000_000L;
        assertTrue(lines.stream().allMatch(l -> l.warmup() == (l.record().timeline().intendedSendNanos() < warmupEnd)),
                "requests due during the ramp and the warm-up after it are not measured");
        assertEquals(8, lines.stream().filter(l -> !l.warmup()).count());
    }

    @Test
    void requestLinesAreOnDiskBeforeTheRunEnds(@TempDir Path results) throws Exception {
        CountDownLatch reached = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        IntConsumer blockAt3 = call -> {
            if (call == 3) {
                reached.countDown();
                awaitQuietly(release);
            }
        };
        Workload w = workload(new LoadSpec.ClosedLoop(List.of(1), new Distribution.Fixed(0)), new RunLimits(0, null, 6, 5_000_000_000L));
        LoadRunner runner = new LoadRunner(w, scripted(1, 1, 2, Integer.MAX_VALUE, 0, blockAt3), RunListener.NONE);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread run = Thread.ofPlatform().start(() -> {
            try {
                runner.run(results, "crash", ENV);
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        assertTrue(reached.await(10, TimeUnit.SECONDS));
        Path dir = results.resolve("crash");
        List<RequestLine> lines = ResultReader.requests(dir);
        assertEquals(3, lines.size(), "the three requests that ended are already in requests.jsonl");
        assertTrue(Files.exists(dir.resolve(RunFolder.WORKLOAD)) && Files.exists(dir.resolve(RunFolder.ENV)));
        release.countDown();
        run.join(10_000);
        assertEquals(null, failure.get());
        assertEquals(6, ResultReader.requests(dir).size());
    }

    @Test
    void interruptionWritesASummaryMarkedPartial(@TempDir Path results) throws Exception {
        CountDownLatch reached = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        IntConsumer blockAt3 = call -> {
            if (call == 3) {
                reached.countDown();
                awaitQuietly(release);
            }
        };
        Workload w = workload(new LoadSpec.ClosedLoop(List.of(1, 2), new Distribution.Fixed(0)), new RunLimits(0, null, 6, 5_000_000_000L));
        LoadRunner runner = new LoadRunner(w, scripted(1, 1, 2, Integer.MAX_VALUE, 0, blockAt3), RunListener.NONE);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread run = Thread.ofPlatform().start(() -> {
            try {
                runner.run(results, "ctrl-c", ENV);
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        assertTrue(reached.await(10, TimeUnit.SECONDS));
        runner.stopAndWritePartial(); // what the shutdown hook does on Ctrl-C
        release.countDown();
        run.join(10_000);
        RunSummary s = ResultReader.load(results.resolve("ctrl-c")).summary();
        assertEquals(RunSummary.Status.PARTIAL, s.run().status());
        assertEquals(1, s.steps().size());
        StepSummary step = s.steps().get(0);
        assertFalse(step.complete());
        assertEquals(3, step.counts().requests());
        assertFalse(step.selfCheck().trusted());
        assertInstanceOf(InterruptedException.class, failure.get());
    }

    private static long slowRequests(Path dir, long thresholdMs) {
        return ResultReader.requests(dir).stream()
                .filter(l -> Metrics.e2eNanos(l.record()).orElse(0) > thresholdMs * 1_000_000L).count();
    }

    @Test
    void anUnreachableTargetFailsBeforeAnyFolderOrLoad(@TempDir Path results) {
        Workload w = workload(new LoadSpec.ClosedLoop(List.of(1), new Distribution.Fixed(0)), new RunLimits(0, null, 3, 5_000_000_000L));
        java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        ClientFactory refusing = (t, clock) -> new io.hybench.bench.client.StreamingClient() {
            @Override
            public io.hybench.bench.client.RequestRecord execute(io.hybench.bench.client.GenerationRequest request, long intended) {
                sent.incrementAndGet();
                long now = clock.nanos();
                return new io.hybench.bench.client.RequestRecord(request.requestId(), new io.hybench.bench.client.RequestRecord.Destination(t.name(), t.api(), t.model(), "/v1/chat/completions"),
                        new io.hybench.bench.client.RequestRecord.Timeline(intended, now, null, null, new long[0], new int[0], now),
                        io.hybench.bench.client.RequestRecord.Tokens.UNKNOWN, io.hybench.bench.client.RequestRecord.Reply.ofText(""),
                        new io.hybench.bench.client.RequestError(io.hybench.bench.client.ErrorClass.CONNECT, null, "Connection refused", null), null);
            }

            @Override
            public void close() {
            }
        };
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> new LoadRunner(w, refusing, RunListener.NONE).run(results, "unreachable", ENV));
        assertTrue(e.getMessage().contains("target 'fake'") && e.getMessage().contains("CONNECT"), e.getMessage());
        assertEquals(1, sent.get(), "only the preflight request was sent");
        assertFalse(Files.exists(results.resolve("unreachable")), "no result folder for a run that never started");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
