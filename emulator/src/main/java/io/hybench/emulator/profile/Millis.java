package io.hybench.emulator.profile;

import io.hybench.core.config.Checks;

/** Profile durations: milliseconds in the file (fractions allowed, at most an hour), nanoseconds in the records. */
final class Millis {
    static final double MAX_MS = 3_600_000;

    private Millis() {
    }

    static long nanos(String key, double ms, double minMs) {
        return Math.round(Checks.within(key, ms, minMs, MAX_MS) * 1e6);
    }
}
