package io.hybench.bench.metrics;

import java.util.Locale;

/** The latency distributions recorded per step, one HdrHistogram each; the tag names it in .hlog files. */
public enum Metric {
    /** Time to first token of every measured request with content ({@link Metrics#ttftNanos}). */
    TTFT,
    /** Every gap between consecutive content chunks ({@link Metrics#forEachItlNanos}). */
    ITL,
    /** Time per output token after the first, rounded to whole nanoseconds ({@link Metrics#tpotNanos}). */
    TPOT,
    /** End-to-end latency of successful requests ({@link Metrics#e2eNanos}). */
    E2E,
    /** Intended send to actual send, including any wait for an in-flight cap ({@link Metrics#sendLagNanos}). */
    SEND_LAG,
    /** Intended send to the moment the harness dispatched the request: the harness's own lateness. */
    SCHEDULE_LAG;

    /** The tag written in interval logs, e.g. {@code send_lag}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Metric ofTag(String tag) {
        return valueOf(tag.toUpperCase(Locale.ROOT));
    }
}
