package io.hybench.bench.metrics;

import io.hybench.bench.client.ErrorClass;
import io.hybench.bench.client.RequestRecord;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Counts and per-request values of one step's measured requests, added from many request threads.
 * Keeps the TTFT and E2E values (8 bytes each per request) because bootstrap intervals resample them.
 */
public final class StepAccumulator {
    private final Slo slo;
    private long requests;
    private long succeeded;
    private long good;
    private long outputTokens;
    private double latencySumNanos;
    private long firstIntendedNanos = Long.MAX_VALUE;
    private long lastIntendedNanos = Long.MIN_VALUE;
    private long lastEndNanos = Long.MIN_VALUE;
    private final EnumMap<ErrorClass, Long> errors = new EnumMap<>(ErrorClass.class);
    private final LongList ttft = new LongList();
    private final LongList e2e = new LongList();
    private final LongList successEnd = new LongList();
    private final LongList successTokens = new LongList();

    public StepAccumulator(Slo slo) {
        this.slo = slo;
    }

    public synchronized void add(RequestRecord r) {
        requests++;
        latencySumNanos += r.endNanos() - r.intendedSendNanos();
        firstIntendedNanos = Math.min(firstIntendedNanos, r.intendedSendNanos());
        lastIntendedNanos = Math.max(lastIntendedNanos, r.intendedSendNanos());
        lastEndNanos = Math.max(lastEndNanos, r.endNanos());
        OptionalLong t = Metrics.ttftNanos(r);
        if (t.isPresent()) ttft.add(t.getAsLong());
        if (r.succeeded()) {
            succeeded++;
            long tokens = r.outputTokens() == null ? 0 : r.outputTokens();
            outputTokens += tokens;
            e2e.add(Metrics.e2eNanos(r).getAsLong());
            successEnd.add(r.endNanos());
            successTokens.add(tokens);
            if (Metrics.meetsSlos(r, slo)) good++;
        } else {
            errors.merge(r.error().errorClass(), 1L, Long::sum);
        }
    }

    /** A consistent copy of everything accumulated so far. */
    public synchronized Snapshot snapshot() {
        return new Snapshot(requests, succeeded, good, outputTokens, requests == 0 ? Double.NaN : latencySumNanos / requests,
                firstIntendedNanos, lastIntendedNanos, lastEndNanos, Map.copyOf(errors),
                ttft.toArray(), e2e.toArray(), successEnd.toArray(), successTokens.toArray());
    }

    /**
     * @param meanLatencyNanos mean of end - intended send over all measured requests, failures included
     *                         (the W of Little's law)
     */
    public record Snapshot(long requests, long succeeded, long good, long outputTokens, double meanLatencyNanos,
                           long firstIntendedNanos, long lastIntendedNanos, long lastEndNanos, Map<ErrorClass, Long> errors,
                           long[] ttftNanos, long[] e2eNanos, long[] successEndNanos, long[] successOutputTokens) {
    }

    private static final class LongList {
        private long[] values = new long[64];
        private int size;

        void add(long v) {
            if (size == values.length) values = Arrays.copyOf(values, size * 2);
            values[size++] = v;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
