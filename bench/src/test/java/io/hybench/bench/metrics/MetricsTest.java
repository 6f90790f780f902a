package io.hybench.bench.metrics;

import io.hybench.bench.client.ApiKind;
import io.hybench.bench.client.ErrorClass;
import io.hybench.bench.client.RequestError;
import io.hybench.bench.client.RequestRecord;
import io.hybench.bench.client.TokenCountSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsTest {

    private static RequestRecord record(long intended, long send, long[] chunks, long end, Integer outTokens, RequestError error) {
        return new RequestRecord("r1", new RequestRecord.Destination("t", ApiKind.OPENAI, "m", "/v1/chat/completions"),
                new RequestRecord.Timeline(intended, send, send + 10, chunks.length == 0 ? null : chunks[0], chunks, new int[chunks.length], end),
                new RequestRecord.Tokens(5, TokenCountSource.SERVER, outTokens, TokenCountSource.SERVER, false), new RequestRecord.Reply("stop", "", null, null), error, null);
    }

    @Test
    void latenciesStartAtIntendedSendNotActualSend() {
        RequestRecord r = record(1_000, 1_500, new long[] {3_000, 4_000, 6_000}, 7_000, 4, null);
        assertEquals(2_000, Metrics.ttftNanos(r).getAsLong());
        assertEquals(6_000, Metrics.e2eNanos(r).getAsLong());
        assertEquals(500, Metrics.sendLagNanos(r));
    }

    @Test
    void itlIsEveryGapBetweenContentChunks() {
        RequestRecord r = record(0, 0, new long[] {10, 30, 70}, 80, 3, null);
        List<Long> gaps = new ArrayList<>();
        Metrics.forEachItlNanos(r, gaps::add);
        assertEquals(List.of(20L, 40L), gaps);
    }

    @Test
    void tpotDividesDecodeTimeByTokensAfterTheFirst() {
        // 3 chunks but 5 server-counted tokens (vLLM counts EOS; chunks may hold several tokens).
        RequestRecord r = record(0, 0, new long[] {100, 200, 500}, 600, 5, null);
        assertEquals(100.0, Metrics.tpotNanos(r).getAsDouble(), 1e-9);
    }

    @Test
    void tpotIsUndefinedForOneTokenZeroTokensAndFailures() {
        assertTrue(Metrics.tpotNanos(record(0, 0, new long[] {100}, 150, 1, null)).isEmpty());
        assertTrue(Metrics.tpotNanos(record(0, 0, new long[] {}, 150, 0, null)).isEmpty());
        RequestError err = new RequestError(ErrorClass.DISCONNECT, null, "closed", null);
        RequestRecord failed = record(0, 0, new long[] {100, 200}, 250, 2, err);
        assertTrue(Metrics.tpotNanos(failed).isEmpty());
        assertTrue(Metrics.e2eNanos(failed).isEmpty());
        assertEquals(100, Metrics.ttftNanos(failed).getAsLong(), "TTFT is still observed on a request that failed later");
    }

    @Test
    void perRequestAndAggregateRates() {
        RequestRecord r = record(0, 0, new long[] {1_000_000}, 2_000_000_000L, 100, null);
        assertEquals(50.0, Metrics.outputTokensPerSecond(r).getAsDouble(), 1e-9);
        assertEquals(250.0, Metrics.aggregateOutputTokensPerSecond(1_000, 4_000_000_000L), 1e-9);
        assertEquals(2.5, Metrics.requestsPerSecond(10, 4_000_000_000L), 1e-9);
        assertTrue(Double.isNaN(Metrics.goodputPerSecond(3, 0)), "an empty window has no rate, not a zero rate");
    }

    @Test
    void cachedInputShareSumsOnlyTheRequestsThatReportedCachedTokens() {
        StepStats.PromptCache c = StepStats.PromptCache.NONE
                .plus(new RequestRecord.Tokens(1000, TokenCountSource.SERVER, 5, TokenCountSource.SERVER, false, 800, null))
                .plus(new RequestRecord.Tokens(500, TokenCountSource.SERVER, 5, TokenCountSource.SERVER, false)) // reported none
                .plus(new RequestRecord.Tokens(1000, TokenCountSource.SERVER, 5, TokenCountSource.SERVER, false, 0, 200));
        assertEquals(new StepStats.PromptCache(2, 2000, 800), c);
        assertEquals(0.4, Metrics.cachedInputShare(c), 1e-12);
        org.junit.jupiter.api.Assertions.assertNull(Metrics.cachedInputShare(StepStats.PromptCache.NONE), "absent when none reported");
        assertTrue(Double.isNaN(Metrics.cachedInputShare(new StepStats.PromptCache(1, 0, 0))));
    }
}
