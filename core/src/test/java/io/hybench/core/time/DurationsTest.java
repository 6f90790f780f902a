package io.hybench.core.time;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DurationsTest {
    @Test
    void oneSyntaxWithIsoAsAlias() {
        assertEquals(500_000_000L, Durations.parseNanos("500ms"));
        assertEquals(30_000_000_000L, Durations.parseNanos("30s"));
        assertEquals(300_000_000_000L, Durations.parseNanos("5m"));
        assertEquals(300_000_000_000L, Durations.parseNanos("PT5M"), "the ISO-8601 form older flags took");
        assertEquals(30_000_000_000L, Durations.parseNanos("pt30s"));
        assertEquals("5m", Durations.format(Durations.parseNanos("PT5M")));
    }

    @Test
    void badDurationsSayWhatIsExpected() {
        for (String bad : new String[] {"5", "PTX", "ten seconds", "-3s"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parseNanos(bad));
            assertTrue(e.getMessage().contains("like 500ms, 30s"), e.getMessage());
        }
    }

    @Test
    void durationsTooLongForALongOfNanosSaySo() {
        // more digits than a long, more nanoseconds than a long (unit and ISO forms): each once escaped as a bare
        // NumberFormatException or ArithmeticException, which the CLI reports as a bug of its own
        for (String tooLong : new String[] {"99999999999999999999s", "9999999999999999h", "PT2562048H"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parseNanos(tooLong));
            assertEquals(IllegalArgumentException.class, e.getClass(), tooLong);
            assertEquals("duration '" + tooLong + "' is too long: at most 292 years (a long of nanoseconds)", e.getMessage());
        }
        assertEquals(2_562_047L * 3_600_000_000_000L, Durations.parseNanos("2562047h"), "the longest whole-hour duration still reads");
    }
}
