package io.hybench.reports.charts;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TickLabelsTest {
    @Test
    void spectrumTicksReadAsPercentiles() {
        assertEquals("0%", TickLabels.INVERSE_TAIL_PERCENTILE.format(1));
        assertEquals("90%", TickLabels.INVERSE_TAIL_PERCENTILE.format(10));
        assertEquals("99.9%", TickLabels.INVERSE_TAIL_PERCENTILE.format(1000));
        assertEquals("50%", TickLabels.INVERSE_TAIL_PERCENTILE.format(2));
    }

    /** Deep tails keep distinct labels: a run of ten million tokens reaches 1/(1-p) = 1e7. */
    @Test
    void deepTailsAreNotRoundedToAHundred() {
        assertEquals("99.99999%", TickLabels.INVERSE_TAIL_PERCENTILE.format(1e7));
        assertEquals("99.9999999%", TickLabels.INVERSE_TAIL_PERCENTILE.format(1e9));
        assertEquals("99.9999968%", TickLabels.INVERSE_TAIL_PERCENTILE.format(1 / 3.2e-8));
    }
}
