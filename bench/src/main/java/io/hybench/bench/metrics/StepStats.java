package io.hybench.bench.metrics;

import io.hybench.bench.client.ErrorClass;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.LongStream;

/**
 * Everything one step measured, as one value that adds: the only input of {@link StepSummaries#build}, for a
 * single run ({@link StepRecording#snapshot}) and for the shards of one run added up ({@link #merge}). Counts
 * and histograms add exactly; the bootstrap samples are kept sorted, so a union does not depend on its order.
 *
 * @param counts     counts of the measured requests
 * @param span       times that bound the measurement window
 * @param histograms one nanosecond histogram per metric, exactly the sum of the step's logged intervals
 * @param samples    per-request values the bootstrap intervals resample
 * @param delivered  output tokens delivered over the load window, by time of arrival
 * @param harness    the self-checks' inputs about the harness itself
 * @param requestTiming the measured requests' own timing uncertainty
 */
public record StepStats(Counts counts, Span span, Map<Metric, Histogram> histograms, Samples samples,
                        DeliveredTokens.Window delivered, Harness harness, RequestTiming requestTiming) {

    /**
     * The measured requests' own timing uncertainty, as values that add: histograms over the requests that have each.
     *
     * @param uncertaintyNanos request-wide ({@link Metrics#timingUncertaintyNanos})
     * @param ttftNanos        of their TTFT's end stamp ({@link Metrics#ttftTimingUncertaintyNanos})
     * @param e2eNanos         of their E2E's end stamp ({@link Metrics#e2eTimingUncertaintyNanos})
     * @param requestsWithout  requests without a request-wide one
     */
    public record RequestTiming(Histogram uncertaintyNanos, Histogram ttftNanos, Histogram e2eNanos, long requestsWithout) {
        static RequestTiming merge(List<StepStats> p) {
            return new RequestTiming(added(p, RequestTiming::uncertaintyNanos), added(p, RequestTiming::ttftNanos),
                    added(p, RequestTiming::e2eNanos), sum(p, s -> s.requestTiming().requestsWithout()));
        }

        private static Histogram added(List<StepStats> p, Function<RequestTiming, Histogram> which) {
            Histogram h = StepRecorders.newHistogram();
            p.forEach(s -> h.add(which.apply(s.requestTiming())));
            return h;
        }
    }

    /**
     * @param good          measured requests meeting every SLO
     * @param stillInFlight requests that had not ended when the step stopped
     * @param promptCache   what the successful measured requests reported about the server's prompt cache
     */
    public record Counts(long requests, long succeeded, long good, long outputTokens, Map<ErrorClass, Long> errors,
                         long warmupRequests, long stillInFlight, PromptCache promptCache) {
        public Counts {
            errors = Map.copyOf(errors);
            promptCache = promptCache == null ? PromptCache.NONE : promptCache;
        }
    }

    /**
     * Sums over the successful measured requests whose usage reported cached input tokens (and an input count).
     *
     * @param requests     how many reported them
     * @param inputTokens  their input tokens
     * @param cachedTokens their cached input tokens
     */
    public record PromptCache(long requests, long inputTokens, long cachedTokens) {
        public static final PromptCache NONE = new PromptCache(0, 0, 0);

        /** These sums with one more request's counts; unchanged when it reported no cached or no input tokens. */
        public PromptCache plus(io.hybench.bench.client.RequestRecord.Tokens t) {
            if (t.cachedInputTokens() == null || t.inputTokens() == null) return this;
            return new PromptCache(requests + 1, inputTokens + t.inputTokens(), cachedTokens + t.cachedInputTokens());
        }

        PromptCache plus(PromptCache o) {
            return new PromptCache(requests + o.requests, inputTokens + o.inputTokens, cachedTokens + o.cachedTokens);
        }
    }

    /**
     * @param windowStartNanos   end of the warm-up: start of the measurement window
     * @param firstIntendedNanos earliest intended send of a measured request (Long.MAX_VALUE when none)
     * @param lastIntendedNanos  latest intended send of a measured request (Long.MIN_VALUE when none)
     * @param lastEndNanos       latest end of a measured request (Long.MIN_VALUE when none)
     * @param latencySumNanos    sum of end - intended send over all measured requests, failures included (the W of
     *                           Little's law, times the count)
     */
    public record Span(long windowStartNanos, long firstIntendedNanos, long lastIntendedNanos, long lastEndNanos,
                       long latencySumNanos) {

        /** When the last measured request ended, or the window's start when none did. */
        public long windowEndNanos(long requests) {
            return requests == 0 ? windowStartNanos : Math.max(lastEndNanos, windowStartNanos);
        }
    }

    /** TTFT of every measured request with content, E2E of every successful one; both sorted ascending. */
    public record Samples(long[] ttftNanos, long[] e2eNanos) {
        public Samples {
            ttftNanos = sorted(ttftNanos);
            e2eNanos = sorted(e2eNanos);
        }
    }

    /**
     * How late the harness's own threads were after the warm-up, each NaN when not measured. Shards add up to their
     * worst machine's.
     *
     * @param hiccupP99Ms     P99 of how late a harness thread woke up
     * @param stampDelayP99Ms P99 of how long after its I/O thread's readiness wait returned a read was stamped
     * @param ioLoopLagP99Ms  P99 of how late a timer ran on the client's I/O threads
     */
    public record Lateness(double hiccupP99Ms, double stampDelayP99Ms, double ioLoopLagP99Ms) {
        public static final Lateness NOT_MEASURED = new Lateness(Double.NaN, Double.NaN, Double.NaN);
    }

    /**
     * @param inFlightAreaNanos time integral of measured requests in flight over the measurement window
     * @param lateness          how late the harness's threads were
     * @param cpuSum            sum of the harness CPU fractions of the measured seconds
     * @param cpuSeconds        how many measured seconds had a CPU reading
     * @param cpuMax            highest one-second CPU fraction; NaN when none
     */
    public record Harness(double inFlightAreaNanos, Lateness lateness, double cpuSum, int cpuSeconds, double cpuMax) {

        /** CPU readings of the measured (non-warm-up) seconds of a series. */
        public static Harness of(double inFlightAreaNanos, Lateness lateness, List<SecondSample> series) {
            double sum = 0;
            double max = Double.NaN;
            int n = 0;
            for (SecondSample s : series) {
                if (s.warmup() || !Double.isFinite(s.harnessCpu())) continue;
                sum += s.harnessCpu();
                max = n == 0 ? s.harnessCpu() : Math.max(max, s.harnessCpu());
                n++;
            }
            return new Harness(inFlightAreaNanos, lateness, sum, n, max);
        }

        public double cpuMean() {
            return cpuSeconds == 0 ? Double.NaN : cpuSum / cpuSeconds;
        }
    }

    /**
     * The statistics of the union of the parts' requests. Independent of the parts' order: sums of fractional
     * values (delivered tokens, in-flight area, CPU) are taken over sorted addends.
     */
    public static StepStats merge(Collection<StepStats> parts) {
        if (parts.isEmpty()) throw new IllegalArgumentException("nothing to merge");
        List<StepStats> p = List.copyOf(parts);
        EnumMap<ErrorClass, Long> errors = new EnumMap<>(ErrorClass.class);
        p.forEach(s -> s.counts().errors().forEach((c, n) -> errors.merge(c, n, Long::sum)));
        Counts counts = new Counts(sum(p, s -> s.counts().requests()), sum(p, s -> s.counts().succeeded()),
                sum(p, s -> s.counts().good()), sum(p, s -> s.counts().outputTokens()), errors,
                sum(p, s -> s.counts().warmupRequests()), sum(p, s -> s.counts().stillInFlight()),
                p.stream().map(s -> s.counts().promptCache()).reduce(PromptCache.NONE, PromptCache::plus));
        Span span = new Span(p.stream().mapToLong(s -> s.span().windowStartNanos()).min().orElseThrow(),
                p.stream().mapToLong(s -> s.span().firstIntendedNanos()).min().orElseThrow(),
                p.stream().mapToLong(s -> s.span().lastIntendedNanos()).max().orElseThrow(),
                p.stream().mapToLong(s -> s.span().lastEndNanos()).max().orElseThrow(),
                sum(p, s -> s.span().latencySumNanos()));
        EnumMap<Metric, Histogram> histograms = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) {
            Histogram h = StepRecorders.newHistogram();
            p.forEach(s -> h.add(s.histograms().get(m)));
            histograms.put(m, h);
        }
        Samples samples = new Samples(concat(p, s -> s.samples().ttftNanos()), concat(p, s -> s.samples().e2eNanos()));
        Lateness lateness = new Lateness(worst(p, l -> l.hiccupP99Ms()), worst(p, l -> l.stampDelayP99Ms()), worst(p, l -> l.ioLoopLagP99Ms()));
        Harness harness = new Harness(exactSum(p, s -> s.harness().inFlightAreaNanos()), lateness,
                exactSum(p, s -> s.harness().cpuSum()), (int) sum(p, s -> s.harness().cpuSeconds()),
                p.stream().mapToDouble(s -> s.harness().cpuMax()).filter(Double::isFinite).max().orElse(Double.NaN));
        return new StepStats(counts, span, histograms, samples, mergeDelivered(p), harness, RequestTiming.merge(p));
    }

    private static DeliveredTokens.Window mergeDelivered(List<StepStats> p) {
        long window = p.stream().mapToLong(s -> s.delivered().windowNanos()).max().orElseThrow();
        int seconds = p.stream().mapToInt(s -> s.delivered().perWholeSecond().length).max().orElseThrow();
        double[] perSecond = new double[seconds];
        for (int i = 0; i < seconds; i++) {
            int at = i;
            perSecond[i] = exactSum(p, s -> at < s.delivered().perWholeSecond().length ? s.delivered().perWholeSecond()[at] : 0);
        }
        return new DeliveredTokens.Window(window, exactSum(p, s -> s.delivered().tokens()), perSecond);
    }

    private static double worst(List<StepStats> p, ToDoubleFunction<Lateness> f) {
        return p.stream().mapToDouble(s -> f.applyAsDouble(s.harness().lateness())).filter(Double::isFinite).max().orElse(Double.NaN);
    }

    private static long sum(List<StepStats> p, java.util.function.ToLongFunction<StepStats> f) {
        return p.stream().mapToLong(f).sum();
    }

    /** A sum that does not depend on the order of the parts: the addends are added in ascending order. */
    private static double exactSum(List<StepStats> p, ToDoubleFunction<StepStats> f) {
        double[] v = p.stream().mapToDouble(f).sorted().toArray();
        double total = 0;
        for (double x : v) total += x;
        return total;
    }

    private static long[] concat(List<StepStats> p, java.util.function.Function<StepStats, long[]> f) {
        List<long[]> arrays = new ArrayList<>();
        p.forEach(s -> arrays.add(f.apply(s)));
        return arrays.stream().flatMapToLong(LongStream::of).toArray();
    }

    private static long[] sorted(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }
}
