package io.hybench.emulator.protocol;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Maps emulator nanoseconds to wall-clock instants, anchored once at start (no wall-clock steps mid-run). */
public record WallClock(Instant origin) {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    Instant instantAt(long nanos) {
        return origin.plusNanos(nanos);
    }

    /** Go's time.RFC3339Nano in UTC: fraction with trailing zeros removed, none when zero. */
    static String rfc3339Nano(Instant t) {
        String s = SECONDS.format(t);
        int nanos = t.getNano();
        if (nanos == 0) return s + "Z";
        String frac = String.format(java.util.Locale.ROOT, "%09d", nanos);
        int end = frac.length();
        while (frac.charAt(end - 1) == '0') end--;
        return s + "." + frac.substring(0, end) + "Z";
    }
}
