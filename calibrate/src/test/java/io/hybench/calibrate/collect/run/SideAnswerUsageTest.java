package io.hybench.calibrate.collect.run;

import io.hybench.bench.client.RequestRecord;
import io.hybench.bench.client.TokenCountSource;
import io.hybench.calibrate.cost.ModelPrice;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Collect's per-row cost takes the server's cache counts from the record and prices them apart, hand-computed. */
class SideAnswerUsageTest {
    private static RequestRecord.Tokens tokens(int in, int out, Integer cached, Integer written) {
        return new RequestRecord.Tokens(in, TokenCountSource.SERVER, out, TokenCountSource.SERVER, false, cached, written);
    }

    @Test
    void cachedAndWrittenTokensArePricedAtTheCachePricesAndSummedOverSamples() {
        ModelPrice gpt4o = new ModelPrice(2.50, 10.00, "o", 1.25, null);
        SideAnswer.Usage main = SideAnswer.Usage.of(tokens(2_000, 100, 1_024, null));
        // (976 x 2.50 + 1,024 x 1.25 + 100 x 10.00) / 1e6
        assertEquals(0.00472, main.costUsd(gpt4o), 1e-15);
        SideAnswer.Usage samples = SideAnswer.Usage.ZERO.plus(tokens(2_000, 100, 1_024, null)).plus(tokens(2_000, 50, 1_920, null));
        assertEquals(new SideAnswer.Usage(4_000, 150, 2_944, 0), samples);
        // (1,056 x 2.50 + 2,944 x 1.25 + 150 x 10.00) / 1e6 = (2,640 + 3,680 + 1,500) / 1e6
        assertEquals(0.00782, samples.costUsd(gpt4o), 1e-15);
        assertNull(SideAnswer.Usage.UNKNOWN.costUsd(gpt4o));
    }
}
