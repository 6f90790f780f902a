package io.hybench.bench.load;

import io.hybench.bench.client.ApiKind;
import io.hybench.bench.client.ServerFlavor;
import io.hybench.bench.merge.ShardMerge;
import io.hybench.bench.metrics.Metric;
import io.hybench.bench.metrics.Metrics;
import io.hybench.bench.metrics.Percentiles;
import io.hybench.bench.metrics.Slo;
import io.hybench.bench.metrics.StepSummary;
import io.hybench.bench.results.EnvInfo;
import io.hybench.bench.results.RequestLine;
import io.hybench.bench.results.ResultReader;
import io.hybench.bench.results.RunSummary;
import io.hybench.bench.results.Sharding;
import io.hybench.core.stats.Intervals;
import io.hybench.emulator.Emulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three shards of one open-loop plan, run at once in this JVM against one emulator and merged, against one
 * runner running the whole plan: the same requests on the same schedule, and merged percentiles equal to those
 * of the union of the raw records. Separate processes: the CLI's ShardProcessesTest.
 */
class ShardedRunTest {
    private static final int SHARDS = 3;
    private static final int MEASURED = 45;
    private static final EnvInfo ENV = EnvInfo.capture("test");

    private static Workload plan(Emulator e) {
        return EmulatorRig.workload("sharded", List.of(EmulatorRig.target("vllm", ApiKind.OPENAI, ServerFlavor.VLLM, e)), 8,
                new LoadSpec.OpenLoop(List.of(15.0), LoadSpec.Arrival.POISSON, null),
                new RunLimits(300_000_000L, null, MEASURED, 10_000_000_000L), new Slo(null, null, null, 0.99));
    }

    @Test
    void shardsMergedEqualOneMachineOnTheSameSchedule(@TempDir Path results) throws Exception {
        try (EmulatorRig rig = new EmulatorRig()) {
            Emulator e = rig.start(EmulatorRig.profile("fast-vllm"), 3);
            Workload w = plan(e);
            RunSummary single = new LoadRunner(w, rig.clients(), RunListener.NONE).run(results, "single", ENV).summary();

            SharedStart start = SharedStart.fromFile(results.resolve("start"), Duration.ofMillis(500));
            List<Path> dirs = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(SHARDS)) {
                List<Future<LoadRunner.Result>> runs = new ArrayList<>();
                for (int i = 0; i < SHARDS; i++) {
                    LoadRunner.ShardRun shard = new LoadRunner.ShardRun(new ShardSpec(i, SHARDS), SharedStart.fromFile(results.resolve("start"),
                            Duration.ofMillis(500)));
                    runs.add(pool.submit(() -> new LoadRunner(w, rig.clients(), RunListener.NONE, shard).run(results, null, ENV)));
                }
                for (Future<LoadRunner.Result> r : runs) dirs.add(r.get().folder().dir());
            }
            for (int i = 0; i < SHARDS; i++) {
                Sharding own = ResultReader.load(dirs.get(i)).summary().sharding();
                assertEquals(start.at().toString(), own.startAt(), "every shard read the one start file");
                assertEquals(i, own.shards().getFirst().index());
                assertTrue(Double.isFinite(own.shards().getFirst().clockOffsetMs()), "offset measured against the start file's volume");
            }

            RunSummary merged = ShardMerge.merge(List.of(dirs.get(2), dirs.get(0), dirs.get(1)), results.resolve("merged")).summary();
            StepSummary one = single.steps().getFirst();
            StepSummary all = merged.steps().getFirst();
            assertEquals(MEASURED, one.counts().requests());
            assertEquals(one.counts().requests(), all.counts().requests(), "the shards' measured requests add up to one machine's");
            assertEquals(one.counts().warmupRequests(), all.counts().warmupRequests());
            assertEquals(schedule(results.resolve("single"), one), schedule(results.resolve("merged"), all),
                    "the same request ids at the same intended times relative to the step's window");

            List<RequestLine> measured = ResultReader.requests(results.resolve("merged")).stream().filter(l -> !l.warmup()).toList();
            long[] e2e = measured.stream().filter(l -> l.record().succeeded()).mapToLong(l -> Metrics.e2eNanos(l.record()).getAsLong())
                    .sorted().toArray();
            long[] ttft = measured.stream().filter(l -> l.record().timeline().firstContentNanos() != null)
                    .mapToLong(l -> Metrics.ttftNanos(l.record()).getAsLong()).sorted().toArray();
            assertPercentilesOfUnion(e2e, all.latencyMs().get(Metric.E2E));
            assertPercentilesOfUnion(ttft, all.latencyMs().get(Metric.TTFT));

            RunSummary again = ShardMerge.merge(List.of(dirs.get(1), dirs.get(2), dirs.get(0)), results.resolve("merged-again")).summary();
            assertEquals(merged.steps(), again.steps(), "merging in another order gives the same figures");
            assertEquals(merged.levels(), again.levels());
            assertEquals(merged.sweeps(), again.sweeps());
            assertEquals(SHARDS, merged.sharding().shards().size());
            assertFalse(merged.steps().isEmpty());
        }
    }

    /** Percentiles from the merged histograms equal nearest-rank percentiles of the raw values within HdrHistogram's 0.1%. */
    private static void assertPercentilesOfUnion(long[] sorted, Percentiles p) {
        assertEquals(sorted.length, p.count());
        for (double[] q : new double[][] {{50, p.p50Ms()}, {90, p.p90Ms()}, {99, p.p99Ms()}}) {
            double raw = Intervals.nearestRank(sorted, sorted.length, q[0]) / 1e6;
            assertEquals(raw, q[1], raw * 1e-3 + 1e-6, "P" + q[0]);
        }
        assertEquals(sorted[sorted.length - 1] / 1e6, p.maxMs(), sorted[sorted.length - 1] / 1e6 * 1e-3);
    }

    /** Request id to intended send, relative to the step's measurement window, warm-up included. */
    private static Map<String, Long> schedule(Path dir, StepSummary step) {
        Map<String, Long> out = new TreeMap<>();
        for (RequestLine l : ResultReader.requests(dir)) out.put(l.record().requestId(), l.record().timeline().intendedSendNanos() - step.window().startNanos());
        return out;
    }
}
