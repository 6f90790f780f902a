package io.hybench.bench.metrics;

import io.hybench.bench.client.ErrorClass;
import io.hybench.bench.client.RequestRecord;
import org.HdrHistogram.Histogram;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What one step records while it runs, from many request threads: the interval histograms, the counts,
 * the bootstrap samples, delivered tokens and measured requests in flight. {@link #snapshot} turns it into
 * the step's {@link StepStats}. Keeps TTFT and E2E values (8 bytes each per request) for the bootstrap.
 */
public final class StepRecording {
    private final Slo slo;
    private final long windowStartNanos;
    private final StepRecorders recorders = new StepRecorders();
    private final DeliveredTokens delivered;
    private final InFlightGauge inFlight;
    private long requests;
    private long succeeded;
    private long good;
    private long outputTokens;
    private StepStats.PromptCache promptCache = StepStats.PromptCache.NONE;
    private long warmupRequests;
    private long latencySumNanos;
    private long firstIntendedNanos = Long.MAX_VALUE;
    private long lastIntendedNanos = Long.MIN_VALUE;
    private long lastEndNanos = Long.MIN_VALUE;
    private final EnumMap<ErrorClass, Long> errors = new EnumMap<>(ErrorClass.class);
    private final LongList ttft = new LongList();
    private final LongList e2e = new LongList();
    private final Histogram requestUncertaintyNanos = DurationRange.HOUR.newHistogram();
    private final Histogram ttftUncertaintyNanos = DurationRange.HOUR.newHistogram();
    private final Histogram e2eUncertaintyNanos = DurationRange.HOUR.newHistogram();
    private long requestsWithoutUncertainty;

    /** @param windowStartNanos end of the warm-up: requests intended before it are not measured */
    public StepRecording(Slo slo, long windowStartNanos) {
        this.slo = slo;
        this.windowStartNanos = windowStartNanos;
        this.delivered = new DeliveredTokens(windowStartNanos);
        this.inFlight = new InFlightGauge(windowStartNanos);
    }

    /** The interval recorders, drained once a second into the step's .hlog. */
    public StepRecorders recorders() {
        return recorders;
    }

    /** A measured request was handed to the client at {@code atNanos}: its schedule lag, and one more in flight. */
    public void dispatched(long intendedNanos, long atNanos) {
        recorders.recordScheduleLag(atNanos - intendedNanos);
        inFlight.enter(atNanos);
    }

    /** A measured request came back from the client (ended, failed or was abandoned). */
    public void returned(long atNanos) {
        inFlight.exit(atNanos);
    }

    /** Adds an ended request; warm-up requests count only towards delivered tokens and the warm-up count. */
    public void add(RequestRecord r, boolean warmup) {
        delivered.add(r);
        if (!warmup) recorders.record(r);
        synchronized (this) {
            if (warmup) {
                warmupRequests++;
                return;
            }
            requests++;
            latencySumNanos += r.timeline().endNanos() - r.timeline().intendedSendNanos();
            firstIntendedNanos = Math.min(firstIntendedNanos, r.timeline().intendedSendNanos());
            lastIntendedNanos = Math.max(lastIntendedNanos, r.timeline().intendedSendNanos());
            lastEndNanos = Math.max(lastEndNanos, r.timeline().endNanos());
            OptionalLong plusMinus = Metrics.timingUncertaintyNanos(r);
            if (plusMinus.isPresent()) requestUncertaintyNanos.recordValue(DurationRange.HOUR.clamp(plusMinus.getAsLong()));
            else requestsWithoutUncertainty++;
            Metrics.ttftTimingUncertaintyNanos(r).ifPresent(n -> ttftUncertaintyNanos.recordValue(DurationRange.HOUR.clamp(n)));
            Metrics.e2eTimingUncertaintyNanos(r).ifPresent(n -> e2eUncertaintyNanos.recordValue(DurationRange.HOUR.clamp(n)));
            OptionalLong t = Metrics.ttftNanos(r);
            if (t.isPresent()) ttft.add(t.getAsLong());
            if (r.succeeded()) {
                succeeded++;
                outputTokens += r.tokens().outputTokens() == null ? 0 : r.tokens().outputTokens();
                promptCache = promptCache.plus(r.tokens());
                e2e.add(Metrics.e2eNanos(r).getAsLong());
                if (Metrics.meetsSlos(r, slo)) good++;
            } else {
                errors.merge(r.error().errorClass(), 1L, Long::sum);
            }
        }
    }

    /** The latest intended send of a measured request that ended; empty before the first. */
    public synchronized OptionalLong lastIntendedNanos() {
        return requests == 0 ? OptionalLong.empty() : OptionalLong.of(lastIntendedNanos);
    }

    /**
     * A consistent copy of everything recorded so far, histograms as drained so far.
     *
     * @param loadEndNanos  when the step stopped applying load: the end of the delivered-tokens window
     * @param stillInFlight requests that had not ended when the step stopped
     * @param lateness      how late the harness's threads were
     * @param series        the step's time series, for the harness CPU readings
     */
    public synchronized StepStats snapshot(long loadEndNanos, long stillInFlight, StepStats.Lateness lateness, List<SecondSample> series) {
        StepStats.Span span = new StepStats.Span(windowStartNanos, firstIntendedNanos, lastIntendedNanos, lastEndNanos, latencySumNanos);
        StepStats.Counts counts = new StepStats.Counts(requests, succeeded, good, outputTokens, Map.copyOf(errors), warmupRequests,
                stillInFlight, promptCache);
        StepStats.Harness harness = StepStats.Harness.of(inFlight.areaUntil(span.windowEndNanos(requests)), lateness, series);
        Map<Metric, Histogram> totals = recorders.totals();
        return new StepStats(counts, span, totals, new StepStats.Samples(ttft.toArray(), e2e.toArray()),
                delivered.until(loadEndNanos), harness, new StepStats.RequestTiming(requestUncertaintyNanos.copy(),
                ttftUncertaintyNanos.copy(), e2eUncertaintyNanos.copy(), requestsWithoutUncertainty));
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
