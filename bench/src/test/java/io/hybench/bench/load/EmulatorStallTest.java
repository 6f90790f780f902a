package io.hybench.bench.load;

import io.hybench.bench.client.ApiKind;
import io.hybench.bench.client.RequestRecord;
import io.hybench.bench.client.ServerFlavor;
import io.hybench.bench.metrics.Metric;
import io.hybench.bench.metrics.Metrics;
import io.hybench.bench.metrics.Slo;
import io.hybench.bench.metrics.StepSummary;
import io.hybench.bench.results.EnvInfo;
import io.hybench.bench.results.RequestLine;
import io.hybench.bench.results.ResultReader;
import io.hybench.emulator.Emulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coordinated omission with the emulator's real stall fault: some streams pause 400 ms mid-answer. The
 * emulator's stall pauses one stream (its engine runs on), so the queue that lets a stall delay later
 * requests is a one-connection client: closed loop with one user, and open loop with at most one request
 * in flight (wrk2's classic set-up). A closed-loop user simply sends its next request late, so no request
 * but the stalled one shows the stall; open-loop requests that were due during the stall wait for it, and
 * their latency, measured from the intended send, includes that wait.
 */
class EmulatorStallTest {
    private static final long SEED = 21;
    private static final double STALL_MS = 400;
    private static final int REQUESTS = 30;

    private record Outcome(StepSummary step, Map<RequestRecord, EmulatorRig.TruthResponse> joined) {
        long stalledCount() {
            return joined.values().stream().filter(EmulatorRig.TruthResponse::stalled).count();
        }

        /**
         * Requests whose own stream was not stalled, but that were due while another's stall ran, and whose
         * latency therefore holds the rest of that stall: they end after the stalled request ends.
         */
        long dueDuringAStall() {
            List<RequestRecord> stalled = joined.entrySet().stream().filter(e -> e.getValue().stalled()).map(Map.Entry::getKey).toList();
            return joined.entrySet().stream().filter(e -> !e.getValue().stalled()).map(Map.Entry::getKey)
                    .filter(r -> stalled.stream().anyMatch(st -> r.timeline().intendedSendNanos() >= st.timeline().intendedSendNanos()
                            && r.timeline().intendedSendNanos() < st.timeline().endNanos() && r.timeline().endNanos() >= st.timeline().endNanos()))
                    .count();
        }
    }

    private static Outcome run(Path results, String id, LoadSpec load) throws InterruptedException {
        try (EmulatorRig rig = new EmulatorRig()) {
            Emulator e = rig.start(EmulatorRig.profile("fast-ollama-stall"), SEED);
            Workload w = EmulatorRig.workload(id, List.of(EmulatorRig.target("ollama", ApiKind.OLLAMA, ServerFlavor.OLLAMA, e)), 8, load,
                    new RunLimits(0, null, REQUESTS, 10_000_000_000L), new Slo(null, null, null, 0.99));
            Path dir = new LoadRunner(w, rig.clients(), RunListener.NONE).run(results, id, EnvInfo.capture("test")).folder().dir();
            StepSummary step = ResultReader.load(dir).summary().steps().get(0);
            List<RequestRecord> records = ResultReader.requests(dir).stream().map(RequestLine::record).toList();
            Map<RequestRecord, EmulatorRig.TruthResponse> joined = rig.join(e, SEED, records);
            assertEquals(REQUESTS, records.size());
            assertEquals(REQUESTS, step.counts().succeeded(), "a stall is slow, not an error: " + step.counts().errors());
            assertEquals(records.size(), joined.size(), "every record joins its emulator request");
            return new Outcome(step, joined);
        }
    }

    @Test
    void openLoopLatencyIncludesTheStallWhereTheClosedLoopHidesIt(@TempDir Path results) throws Exception {
        Outcome closed = run(results, "closed", new LoadSpec.ClosedLoop(List.of(1), new Distribution.Fixed(0)));
        Outcome open = run(results, "open", new LoadSpec.OpenLoop(List.of(5.0), LoadSpec.Arrival.CONSTANT, 1));
        System.out.printf(Locale.ROOT, "stall closed: %d stalled, E2E ms P50 %.1f P90 %.1f P99 %.1f mean %.1f; open: %d stalled, "
                        + "E2E ms P50 %.1f P90 %.1f P99 %.1f mean %.1f, send lag P99 %.1f%n",
                closed.stalledCount(), p(closed, 50), p(closed, 90), p(closed, 99), closed.step().latencyMs().get(Metric.E2E).meanMs(),
                open.stalledCount(), p(open, 50), p(open, 90), p(open, 99), open.step().latencyMs().get(Metric.E2E).meanMs(),
                open.step().latencyMs().get(Metric.SEND_LAG).p99Ms());

        assertTrue(closed.stalledCount() >= 2 && open.stalledCount() >= 2, "the seed puts stalls in both runs");
        for (Outcome o : List.of(closed, open)) {
            o.joined().forEach((r, t) -> {
                if (t.stalled()) assertTrue(Metrics.e2eNanos(r).getAsLong() >= STALL_MS * 1e6, "a stalled stream's own E2E holds its stall");
            });
        }
        // Judged on the requests' own windows (intended send to end), not on wall-clock thresholds a loaded machine
        // may cross: closed loop, no other request's window overlaps a stalled one (the user waited); open loop, some
        // request was due during a stall and, one request in flight at a time, could only end after it.
        assertEquals(0, closed.dueDuringAStall(), "closed loop: no request but the stalled ones shows the stall");
        assertTrue(open.dueDuringAStall() >= 1, "open loop: requests due during a stall carry the wait in their latency");
        assertTrue(open.step().latencyMs().get(Metric.SEND_LAG).p99Ms() >= STALL_MS / 2, "the wait shows as send lag");
        assertTrue(open.step().latencyMs().get(Metric.E2E).meanMs() > closed.step().latencyMs().get(Metric.E2E).meanMs(),
                "the open-loop mean carries the stalls' queueing; the closed loop's does not");
    }

    private static double p(Outcome o, double percentile) {
        var l = o.step().latencyMs().get(Metric.E2E);
        return percentile == 50 ? l.p50Ms() : percentile == 90 ? l.p90Ms() : l.p99Ms();
    }
}
