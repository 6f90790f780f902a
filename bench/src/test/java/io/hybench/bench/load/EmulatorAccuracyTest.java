package io.hybench.bench.load;

import io.hybench.bench.client.ApiKind;
import io.hybench.bench.client.RequestRecord;
import io.hybench.bench.client.ServerFlavor;
import io.hybench.bench.client.Target;
import io.hybench.bench.metrics.Metrics;
import io.hybench.bench.metrics.SelfCheck;
import io.hybench.bench.metrics.Slo;
import io.hybench.bench.results.EnvInfo;
import io.hybench.bench.results.RequestLine;
import io.hybench.bench.results.ResultReader;
import io.hybench.core.stats.Intervals;
import io.hybench.emulator.Emulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Measured TTFT and inter-token gaps against the emulator's ground truth: each client record is joined to
 * the emulator request that served it, and every content chunk's arrival to the time its token was
 * written. Errors are measured − truth on one clock (both sides use {@code System.nanoTime()}).
 */
class EmulatorAccuracyTest {
    private static final int OUTPUT_TOKENS = 24;
    /*
     * Bounds are generous for a 2-core machine shared with other builds (tails of tens of ms come from
     * descheduled threads on either side), yet a chunk stamped at the wrong moment (at the end of the
     * stream, at headers, when the request thread gets round to parsing it) moves the medians by a whole
     * token gap (4+ ms here), and a role or usage chunk counted as content breaks the chunk count.
     * The emulator takes its written time after flush, so a chunk may arrive slightly "before" it.
     */
    private static final double ITL_P50_BOUND_MS = 1.0;
    private static final double DELIVERY_P50_MIN_MS = -1.0;
    private static final double DELIVERY_P50_MAX_MS = 5.0;
    /*
     * Not P99: one 130 ms pause of either JVM (seen in a full-suite run) delays more than 1% of the tokens. Asserted
     * only for a step whose self-check trusted its timing: under load average 14 a pause made 10% of one step's tokens
     * 50+ ms late, and the self-check said so.
     */
    private static final double DELIVERY_P90_BOUND_MS = 50.0;

    @Test
    void measuredTtftAndItlAgreeWithTheEmulatorsWriteTimes(@TempDir Path results) throws Exception {
        try (EmulatorRig rig = new EmulatorRig()) {
            long[] seeds = {11, 12, 13};
            Emulator ollama = rig.start(EmulatorRig.profile("fast-ollama"), seeds[0]);
            Emulator vllm = rig.start(EmulatorRig.profile("fast-vllm"), seeds[1]);
            Emulator cloud = rig.start(EmulatorRig.profile("fast-cloud"), seeds[2]);
            List<Emulator> emulators = List.of(ollama, vllm, cloud);
            List<Target> targets = List.of(EmulatorRig.target("ollama", ApiKind.OLLAMA, ServerFlavor.OLLAMA, ollama),
                    EmulatorRig.target("vllm", ApiKind.OPENAI, ServerFlavor.VLLM, vllm),
                    EmulatorRig.target("anthropic", ApiKind.ANTHROPIC, ServerFlavor.ANTHROPIC, cloud));
            Workload w = EmulatorRig.workload("accuracy", targets, OUTPUT_TOKENS,
                    new LoadSpec.ClosedLoop(List.of(4), new Distribution.Fixed(0)),
                    new RunLimits(100_000_000L, 1_500_000_000L, null, 10_000_000_000L), new Slo(null, null, null, 0.99));
            LoadRunner.Result run = new LoadRunner(w, rig.clients(), RunListener.NONE).run(results, "accuracy", EnvInfo.capture("test"));
            Path dir = run.folder().dir();
            List<RequestLine> lines = ResultReader.requests(dir);

            for (int i = 0; i < targets.size(); i++) {
                String name = targets.get(i).name();
                List<RequestRecord> records = lines.stream().map(RequestLine::record).filter(r -> r.to().target().equals(name)).toList();
                Map<RequestRecord, EmulatorRig.TruthResponse> joined = rig.join(emulators.get(i), seeds[i], records);
                assertTrue(records.size() >= 8, name + ": enough requests to judge (" + records.size() + ")");
                assertEquals(records.size(), joined.size(), name + ": every record joins an emulator request");
                Errors e = errors(joined);
                System.out.println(e.line(name));
                assertEquals(OUTPUT_TOKENS * (long) records.size(), e.tokens, name + ": content chunks == token writes");
                // issue 15: the timing bounds hold where the harness trusts its own timing; where it does not, it said so.
                // (Whether it flags exactly the steps mistimed beyond its tolerance is measured, not asserted here:
                // hybench score, docs/performance.md; this machine's load decides which side of the line a step falls.)
                SelfCheck check = run.summary().steps().stream().filter(st -> st.step().target().equals(name)).findFirst().orElseThrow().selfCheck();
                boolean uncertain = check.timing().uncertaintyMs() > check.timing().toleranceMs();
                System.out.printf(Locale.ROOT, "accuracy %s: self-check ± %.2f ms against a tolerance of %.2f ms%n", name,
                        check.timing().uncertaintyMs(), check.timing().toleranceMs());
                if (uncertain) continue;
                double deliveryP50 = ms(pct(e.delivery, 50));
                assertTrue(deliveryP50 >= DELIVERY_P50_MIN_MS && deliveryP50 <= DELIVERY_P50_MAX_MS, e.line(name));
                double ttftP50 = ms(pct(e.ttft, 50));
                assertTrue(ttftP50 >= DELIVERY_P50_MIN_MS && ttftP50 <= DELIVERY_P50_MAX_MS, e.line(name));
                assertTrue(Math.abs(ms(pct(e.itl, 50))) <= ITL_P50_BOUND_MS, e.line(name));
                assertTrue(ms(pct(e.delivery, 90)) <= DELIVERY_P90_BOUND_MS, e.line(name));
            }
        }
    }

    /** Sorted error samples in ns: per-token delivery (arrival − written), TTFT and ITL errors (measured − truth). */
    private record Errors(long tokens, long[] delivery, long[] ttft, long[] itl) {
        String line(String target) {
            return String.format(Locale.ROOT, "accuracy %s: %d requests, %d tokens | TTFT error ms P50 %.3f P99 %.3f max %.3f"
                            + " | ITL error ms P50 %.3f P99 %.3f max %.3f (min %.3f) | delivery ms P50 %.3f P99 %.3f max %.3f (min %.3f)",
                    target, ttft.length, tokens, ms(pct(ttft, 50)), ms(pct(ttft, 99)), ms(ttft[ttft.length - 1]),
                    ms(pct(itl, 50)), ms(pct(itl, 99)), ms(itl[itl.length - 1]), ms(itl[0]),
                    ms(pct(delivery, 50)), ms(pct(delivery, 99)), ms(delivery[delivery.length - 1]), ms(delivery[0]));
        }
    }

    private static Errors errors(Map<RequestRecord, EmulatorRig.TruthResponse> joined) {
        long[] delivery = new long[0];
        long[] ttft = new long[joined.size()];
        long[] itl = new long[0];
        long tokens = 0;
        int n = 0;
        for (Map.Entry<RequestRecord, EmulatorRig.TruthResponse> e : joined.entrySet()) {
            long[] arrived = e.getKey().timeline().chunkArrivalNanos();
            long[] written = e.getValue().tokenWrittenNanos();
            assertEquals(written.length, arrived.length, e.getKey().requestId() + ": content chunks vs token writes");
            tokens += arrived.length;
            // TTFT's start (intended send) is the same on both sides, so its error is the first token's delivery.
            ttft[n++] = Metrics.ttftNanos(e.getKey()).getAsLong() - (written[0] - e.getKey().timeline().intendedSendNanos());
            long[] d = new long[arrived.length];
            long[] g = new long[arrived.length - 1];
            for (int k = 0; k < arrived.length; k++) {
                d[k] = arrived[k] - written[k];
                if (k > 0) g[k - 1] = (arrived[k] - arrived[k - 1]) - (written[k] - written[k - 1]);
            }
            delivery = concat(delivery, d);
            itl = concat(itl, g);
        }
        Arrays.sort(delivery);
        Arrays.sort(ttft);
        Arrays.sort(itl);
        return new Errors(tokens, delivery, ttft, itl);
    }

    private static long[] concat(long[] a, long[] b) {
        long[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static long pct(long[] sorted, double p) {
        return Intervals.nearestRank(sorted, sorted.length, p);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
