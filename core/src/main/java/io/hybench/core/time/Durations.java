package io.hybench.core.time;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as workload files write them: a whole number with a unit, e.g. {@code 500ms}, {@code 30s}, {@code 2m}. */
public final class Durations {
    private static final Pattern FORMAT = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private Durations() {
    }

    /**
     * Parses {@code text} or throws {@link IllegalArgumentException} saying what is expected. ISO-8601
     * ({@code PT5M}, as older flags took) is read too, so one syntax works everywhere and old ones still do.
     */
    public static long parseNanos(String text) {
        try {
            return nanos(text);
        } catch (NumberFormatException | ArithmeticException e) {
            // more digits than a long holds, or more nanoseconds than one does: the input's fault, said as such
            throw new IllegalArgumentException("duration '" + text + "' is too long: at most 292 years (a long of nanoseconds)");
        }
    }

    private static long nanos(String text) {
        String t = text.trim();
        if (t.regionMatches(true, 0, "P", 0, 1)) {
            try {
                return java.time.Duration.parse(t.toUpperCase(Locale.ROOT)).toNanos();
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("expected a duration like 500ms, 30s, 2m or 1h, was '" + text + "'");
            }
        }
        Matcher m = FORMAT.matcher(t.toLowerCase(Locale.ROOT));
        if (!m.matches()) throw new IllegalArgumentException("expected a duration like 500ms, 30s, 2m or 1h, was '" + text + "'");
        long n = Long.parseLong(m.group(1));
        long unitNanos = switch (m.group(2)) {
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
        };
        return Math.multiplyExact(n, unitNanos);
    }

    /** The shortest exact text for a duration that {@link #parseNanos} reads back to the same value. */
    public static String format(long nanos) {
        if (nanos % 1_000_000L != 0) throw new IllegalArgumentException("durations are whole milliseconds, was " + nanos + " ns");
        long ms = nanos / 1_000_000L;
        if (ms % 1000 != 0) return ms + "ms";
        long s = ms / 1000;
        if (s != 0 && s % 3600 == 0) return s / 3600 + "h";
        if (s != 0 && s % 60 == 0) return s / 60 + "m";
        return s + "s";
    }
}
