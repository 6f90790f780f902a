package io.hybench.bench.metrics;

import io.hybench.bench.client.ApiKind;
import io.hybench.bench.client.ErrorClass;
import io.hybench.bench.client.RequestError;
import io.hybench.bench.client.RequestRecord;
import io.hybench.bench.client.TokenCountSource;
import io.hybench.bench.context.SamplingStatus;
import io.hybench.core.stats.ConfidenceSpec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Shards' snapshots merged: the same figures in any order, and the figures of one recording of every request. */
class StepStatsMergeTest {
    private static final long MS = 1_000_000L;
    private static final Slo SLO = new Slo(300.0, null, null, 0.9);
    private static final StepSummaries.StepInfo INFO = new StepSummaries.StepInfo(new StepSummary.StepId(0, "t", "open", 10, 0), true,
            new StepSummaries.Settings(SLO, TrustLimits.defaults(), new ConfidenceSpec(100, 0.95), 5, null), null);
    private static final StepSummaries.StepContext CONTEXT = new StepSummaries.StepContext("h", List.of(),
            SamplingStatus.notSampled(null, "test"), SamplingStatus.notSampled(null, "test"), Double.NaN);

    @Property(tries = 40)
    void anyOrderOfShardsGivesTheSameSummary(@ForAll @IntRange(min = 2, max = 5) int shards, @ForAll @IntRange(min = 1, max = 120) int requests,
                                             @ForAll @LongRange(min = 0, max = 1000) long seed) {
        List<RequestRecord> records = records(requests, new SplittableRandom(seed));
        List<StepStats> parts = new ArrayList<>();
        for (int s = 0; s < shards; s++) {
            StepRecording rec = new StepRecording(SLO, 0);
            for (int i = s; i < records.size(); i += shards) rec.add(records.get(i), false);
            parts.add(drained(rec));
        }
        StepSummary inOrder = StepSummaries.build(INFO, StepStats.merge(parts), CONTEXT);
        List<StepStats> shuffled = new ArrayList<>(parts);
        Collections.shuffle(shuffled, new Random(seed));
        assertEquals(inOrder, StepSummaries.build(INFO, StepStats.merge(shuffled), CONTEXT));

        StepRecording whole = new StepRecording(SLO, 0);
        records.forEach(r -> whole.add(r, false));
        StepSummary one = StepSummaries.build(INFO, drained(whole), CONTEXT);
        assertEquals(one.counts(), inOrder.counts());
        assertEquals(one.latencyMs(), inOrder.latencyMs(), "histograms add exactly");
        assertEquals(one.intervals().e2eP99Ms(), inOrder.intervals().e2eP99Ms(), "the bootstrap resamples the same sorted values");
        assertEquals(one.rates().outputTokensPerSecond(), inOrder.rates().outputTokensPerSecond(), 1e-9);
        assertEquals(one.rates().goodFraction(), inOrder.rates().goodFraction(), 0);
    }

    private static StepStats drained(StepRecording rec) {
        rec.recorders().drainInterval(0, 1, (m, h) -> {
        });
        return rec.snapshot(10_000 * MS, 0, StepStats.Lateness.NOT_MEASURED, List.of());
    }

    private static List<RequestRecord> records(int n, SplittableRandom random) {
        List<RequestRecord> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long intended = random.nextLong(0, 8_000) * MS;
            if (random.nextInt(10) == 0) {
                out.add(new RequestRecord("r" + i, new RequestRecord.Destination("t", ApiKind.OPENAI, "m", "/x"),
                        new RequestRecord.Timeline(intended, intended, null, null, new long[0], new int[0], intended + 5 * MS),
                        RequestRecord.Tokens.UNKNOWN, RequestRecord.Reply.ofText(""), new RequestError(ErrorClass.OVERLOADED, 503, "busy", null), null));
                continue;
            }
            int chunks = 1 + random.nextInt(6);
            long[] at = new long[chunks];
            long t = intended + random.nextLong(20, 600) * MS;
            for (int c = 0; c < chunks; c++) {
                at[c] = t;
                t += random.nextLong(1, 50) * MS;
            }
            out.add(new RequestRecord("r" + i, new RequestRecord.Destination("t", ApiKind.OPENAI, "m", "/x"),
                    new RequestRecord.Timeline(intended, intended, at[0], at[0], at, new int[chunks], at[chunks - 1]),
                    new RequestRecord.Tokens(10, TokenCountSource.SERVER, chunks + random.nextInt(2), TokenCountSource.SERVER, false), new RequestRecord.Reply("stop", "", null, null), null, null));
        }
        return out;
    }
}
