package io.hybench.bench.load;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Request ids are built without a Formatter per request: the same digits as {@code %0Nd}. */
class RequestIdTest {
    @Test
    void zeroPaddedIsFormattersZeroPaddedDecimal() {
        assertEquals("000042", StepRun.zeroPadded(42, 6));
        assertEquals("00", StepRun.zeroPadded(0, 2));
        assertEquals("1234567", StepRun.zeroPadded(1_234_567, 6));
        for (long v : new long[]{0, 1, 9, 10, 99, 100, 999_999, 1_000_000, Long.MAX_VALUE}) {
            assertEquals(String.format(Locale.ROOT, "%06d", v), StepRun.zeroPadded(v, 6));
            assertEquals(String.format(Locale.ROOT, "%02d", v), StepRun.zeroPadded(v, 2));
        }
    }
}
