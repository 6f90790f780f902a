package io.hybench.bench.metrics;

import io.hybench.bench.client.ApiKind;
import io.hybench.bench.client.ErrorClass;
import io.hybench.bench.client.RequestError;
import io.hybench.bench.client.RequestRecord;
import io.hybench.bench.client.TokenCountSource;
import io.hybench.core.stats.ConfidenceInterval;
import io.hybench.core.stats.ConfidenceSpec;
import io.hybench.core.stats.Intervals;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeliveredTokensTest {
    private static final long MS = 1_000_000L;
    private static final ConfidenceSpec SPEC = new ConfidenceSpec(200, 0.95);

    private static RequestRecord streamed(long[] chunksMs, int[] chunkTokens, long endMs, Integer outputTokens, RequestError error) {
        long[] at = new long[chunksMs.length];
        for (int i = 0; i < at.length; i++) at[i] = chunksMs[i] * MS;
        return new RequestRecord("r", new RequestRecord.Destination("t", ApiKind.OPENAI, "m", "/x"),
                new RequestRecord.Timeline(0, 0, 0L, at.length == 0 ? null : at[0], at, chunkTokens, endMs * MS),
                new RequestRecord.Tokens(5, TokenCountSource.SERVER, outputTokens, TokenCountSource.SERVER, false), new RequestRecord.Reply("stop", "", null, null), error, null);
    }

    @Test
    void serverCountIsSpreadOverContentChunksByTheirTokenCounts() {
        List<double[]> seen = new ArrayList<>();
        // vLLM counts the EOS token it never sends: 4 tokens over 3 one-token chunks, 4/3 each
        Metrics.forEachDeliveredToken(streamed(new long[] {10, 20, 30}, new int[] {1, 1, 1}, 31, 4, null),
                (at, tokens) -> seen.add(new double[] {at, tokens}));
        assertEquals(3, seen.size());
        for (double[] s : seen) assertEquals(4.0 / 3, s[1], 1e-12);
        assertEquals(20 * MS, seen.get(1)[0]);

        seen.clear();
        Metrics.forEachDeliveredToken(streamed(new long[] {10, 20}, new int[] {3, 1}, 21, 4, null), (at, tokens) -> seen.add(new double[] {at, tokens}));
        assertEquals(3.0, seen.get(0)[1], 1e-12, "a chunk of three logprob entries carries three tokens");
        assertEquals(1.0, seen.get(1)[1], 1e-12);

        seen.clear();
        Metrics.forEachDeliveredToken(streamed(new long[0], new int[0], 500, 7, null), (at, tokens) -> seen.add(new double[] {at, tokens}));
        assertArrayEquals(new double[] {500 * MS, 7}, seen.get(0), "no chunks (non-streaming): all at the end");

        seen.clear();
        Metrics.forEachDeliveredToken(streamed(new long[] {10}, new int[] {1}, 20, 1, new RequestError(ErrorClass.DISCONNECT, null, "cut", null)),
                (at, tokens) -> seen.add(new double[] {at, tokens}));
        assertTrue(seen.isEmpty(), "failed requests deliver no counted output");
    }

    @Test
    void windowCountsWholeBinsFromTheOriginIncludingRequestsThatStartedBefore() {
        DeliveredTokens d = new DeliveredTokens(1_000 * MS);
        // a warm-up request streaming across the origin: only its chunks at or after 1 s count
        d.add(streamed(new long[] {900, 990, 1_000, 1_500}, new int[] {1, 1, 1, 1}, 1_500, 4, null));
        d.add(streamed(new long[] {2_004, 3_100}, new int[] {1, 1}, 3_100, 2, null));
        DeliveredTokens.Window w = d.until(3_005 * MS);
        assertEquals(2_000 * MS, w.windowNanos(), "rounded down to whole 10 ms bins");
        assertEquals(3.0, w.tokens(), 1e-12, "1,000 ms, 1,500 ms and 2,004 ms; 3,100 ms is after the end");
        assertArrayEquals(new double[] {2, 1}, w.perWholeSecond(), 1e-12);
        assertEquals(0, d.until(1_005 * MS).windowNanos(), "less than one bin: no window");
    }

    @Test
    void tooFewWholeSecondsKeepTheEstimateAndLeaveTheIntervalNotMeasured() {
        ConfidenceInterval ci = Intervals.bootstrapRate(34.6, new double[] {30, 40}, 1.0, SPEC, 1);
        assertEquals(34.6, ci.estimate());
        assertTrue(Double.isNaN(ci.lower()) && Double.isNaN(ci.upper()), "two seconds are too few to resample: " + ci);
        assertEquals(0, ci.n());
    }

    @Test
    void wholeSecondsWithoutAnyOfTheTokensGiveNoInterval() {
        // the defect "34.6 (0.00-0.00)": every token fell outside the whole seconds
        ConfidenceInterval ci = Intervals.bootstrapRate(34.6, new double[] {0, 0, 0, 0, 0}, 1.0, SPEC, 1);
        assertEquals(34.6, ci.estimate());
        assertTrue(Double.isNaN(ci.lower()) && Double.isNaN(ci.upper()), ci.toString());
    }

    @Test
    void enoughSecondsGiveAnIntervalAroundTheirMean() {
        ConfidenceInterval ci = Intervals.bootstrapRate(30, new double[] {20, 30, 40, 30, 30, 20, 40, 30}, 1.0, SPEC, 1);
        assertTrue(ci.lower() >= 20 && ci.lower() < 30 && ci.upper() > 30 && ci.upper() <= 40, ci.toString());
        assertEquals(200, ci.n());
    }
}
