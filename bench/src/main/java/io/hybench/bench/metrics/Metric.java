package io.hybench.bench.metrics;

import java.util.Locale;

/**
 * The latency distributions recorded per step, one HdrHistogram each over the metric's fixed {@link DurationRange};
 * the tag names it in .hlog files.
 */
public enum Metric {
    /** Time to first token of every measured request with content ({@link Metrics#ttftNanos}). */
    TTFT(DurationRange.DAY),
    /** Every gap between consecutive content chunks ({@link Metrics#forEachItlNanos}). */
    ITL(DurationRange.HOUR),
    /** Time per output token after the first, rounded to whole nanoseconds ({@link Metrics#tpotNanos}). */
    TPOT(DurationRange.HOUR),
    /** End-to-end latency of successful requests ({@link Metrics#e2eNanos}). */
    E2E(DurationRange.DAY),
    /** Intended send to actual send, including any wait for an in-flight cap ({@link Metrics#sendLagNanos}). */
    SEND_LAG(DurationRange.DAY),
    /** Intended send to the moment the harness dispatched the request: the harness's own lateness. */
    SCHEDULE_LAG(DurationRange.DAY);

    private final DurationRange range;

    Metric(DurationRange range) {
        this.range = range;
    }

    /** The range its step histograms keep: from an intended send a day, between tokens an hour. */
    public DurationRange range() {
        return range;
    }

    /** The tag written in interval logs, e.g. {@code send_lag}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Metric ofTag(String tag) {
        return valueOf(tag.toUpperCase(Locale.ROOT));
    }
}
