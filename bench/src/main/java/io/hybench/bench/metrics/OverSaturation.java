package io.hybench.bench.metrics;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.math3.distribution.TDistribution;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Over-saturation: the server no longer keeps up with the load, so requests queue, concurrency climbs and TTFT
 * grows with it (docs/metrics.md, "Over-saturation"). The rule is GuideLLM's over-saturation detection (OSD),
 * vllm-project/guidellm src/guidellm/scheduler/constraints/saturation.py ({@code OverSaturationConstraint},
 * {@code SlopeChecker}), restated: over sliding windows of the step, the requests in flight at each send against the
 * send time, and each answered request's TTFT against its end time, both have a linear-regression slope that is
 * positive with a relative margin of error (the slope's two-sided t interval half-width over the slope) below
 * {@code moeThreshold}; and at least half the TTFTs in the window exceed {@code minimumTtftMs}. One difference: the t
 * quantile is Commons Math's exact one where GuideLLM approximates it (Abramowitz and Stegun, Cornish-Fisher).
 * Not thread-safe: callers serialise {@link #sent} and {@link #ended}.
 */
public final class OverSaturation {
    private static final double EPS = 1e-12;
    private static final double NANOS_PER_SECOND = 1e9;

    /**
     * GuideLLM's parameters, its defaults when a workload says only {@code true}.
     *
     * @param minSeconds         no verdict before this many seconds of the step
     * @param maxWindowSeconds   points older than this many seconds leave the windows
     * @param moeThreshold       largest relative margin of error of a slope counted as positive
     * @param minimumTtftMs      a TTFT above this is a violation; at least half the window's must be (and, as in
     *                           GuideLLM, no verdict before the step has run this long)
     * @param maximumWindowRatio each window keeps at most this share of the points ever added to it
     * @param minimumWindowSize  fewest points (and seconds) a slope needs
     * @param confidence         confidence level of the slopes' t intervals
     */
    public record Settings(double minSeconds, double maxWindowSeconds, double moeThreshold, double minimumTtftMs,
                           double maximumWindowRatio, int minimumWindowSize, double confidence) {
        public static final Settings GUIDELLM = new Settings(30, 120, 2.0, 2500, 0.75, 5, 0.95);

        public Settings {
            if (!(minSeconds >= 0) || !(maxWindowSeconds > 0) || !(moeThreshold > 0) || !(minimumTtftMs >= 0)) {
                throw new IllegalArgumentException("minSeconds and minimumTtftMs must be >= 0, maxWindowSeconds and moeThreshold > 0");
            }
            if (!(maximumWindowRatio > 0 && maximumWindowRatio <= 1)) throw new IllegalArgumentException("maximumWindowRatio must be in (0, 1], was " + maximumWindowRatio);
            if (minimumWindowSize < 3) throw new IllegalArgumentException("minimumWindowSize must be >= 3 (a slope's interval needs 3 points), was " + minimumWindowSize);
            if (!(confidence > 0 && confidence < 1)) throw new IllegalArgumentException("confidence must be in (0, 1), was " + confidence);
        }

        /** As a workload states it: {@code true} for GuideLLM's defaults, {@code false} for none, or an object overriding some. */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Settings fromFile(JsonNode n) {
            if (n.isBoolean()) return n.booleanValue() ? GUIDELLM : null;
            if (!n.isObject()) throw new IllegalArgumentException("expected true, false or an object of settings");
            n.fieldNames().forEachRemaining(f -> {
                if (!Set.of("minSeconds", "maxWindowSeconds", "moeThreshold", "minimumTtftMs", "maximumWindowRatio",
                        "minimumWindowSize", "confidence").contains(f)) throw new IllegalArgumentException("unknown setting '" + f + "'");
            });
            Settings d = GUIDELLM;
            return new Settings(n.path("minSeconds").asDouble(d.minSeconds), n.path("maxWindowSeconds").asDouble(d.maxWindowSeconds),
                    n.path("moeThreshold").asDouble(d.moeThreshold), n.path("minimumTtftMs").asDouble(d.minimumTtftMs),
                    n.path("maximumWindowRatio").asDouble(d.maximumWindowRatio), n.path("minimumWindowSize").asInt(d.minimumWindowSize),
                    n.path("confidence").asDouble(d.confidence));
        }
    }

    /**
     * Why a step stopped early, as summary.json records it.
     *
     * @param reason             {@code overSaturation}
     * @param atMs               when, in ms after the step's start
     * @param concurrencySlope   requests in flight gained per second
     * @param concurrencyMoe     its relative margin of error
     * @param concurrencyPoints  sends in its window
     * @param ttftSlopeMsPerS    TTFT gained per second, in ms (NaN when the window had too few answers to judge)
     * @param ttftMoe            its relative margin of error (NaN likewise)
     * @param ttftPoints         answers in its window
     * @param ttftViolations     of which had a TTFT above {@code minimumTtftMs}
     */
    public record Verdict(String reason, double atMs, double concurrencySlope, double concurrencyMoe, int concurrencyPoints,
                          double ttftSlopeMsPerS, double ttftMoe, int ttftPoints, int ttftViolations) {
    }

    private final Settings settings;
    private final long startNanos;
    private final Window concurrency;
    private final Window ttft;
    private int violations;

    /** @param startNanos run-relative start of the step: the windows' time axis counts from it */
    public OverSaturation(Settings settings, long startNanos) {
        this.settings = settings;
        this.startNanos = startNanos;
        this.concurrency = new Window(settings);
        this.ttft = new Window(settings);
    }

    /** A request was sent at {@code nowNanos} with {@code inFlight} requests (itself included) in flight; the verdict, null if none. */
    public Verdict sent(long nowNanos, int inFlight) {
        double t = seconds(nowNanos);
        concurrency.add(t, inFlight);
        return judge(t);
    }

    /** A request that had a first token ended at {@code nowNanos}; the verdict, null if none. */
    public Verdict ended(long nowNanos, long ttftNanos) {
        double t = seconds(nowNanos);
        double ttftSeconds = ttftNanos / NANOS_PER_SECOND;
        ttft.add(t, ttftSeconds);
        if (ttftSeconds * 1000 > settings.minimumTtftMs) violations++;
        return judge(t);
    }

    private double seconds(long nanos) {
        return (nanos - startNanos) / NANOS_PER_SECOND;
    }

    private Verdict judge(double t) {
        concurrency.prune(t, null);
        ttft.prune(t, this);
        // requests in the same second are strongly correlated: GuideLLM caps the effective sample size at the elapsed seconds
        double concurrencyN = Math.min(t, concurrency.n());
        double ttftN = Math.min(t, ttft.n());
        if (t < settings.minSeconds || ttft.n() > 2 * violations || t * 1000 < settings.minimumTtftMs || concurrencyN < settings.minimumWindowSize) {
            return null;
        }
        Slope c = concurrency.slope(concurrencyN, settings);
        if (!c.positive(settings)) return null;
        Slope f = ttftN < settings.minimumWindowSize ? null : ttft.slope(ttftN, settings);
        if (f != null && !f.positive(settings)) return null;
        return new Verdict("overSaturation", t * 1000, c.slope, c.moe, concurrency.n(), f == null ? Double.NaN : f.slope * 1000,
                f == null ? Double.NaN : f.moe, ttft.n(), violations);
    }

    private void dropped(double ttftSeconds) {
        if (ttftSeconds * 1000 > settings.minimumTtftMs) violations--;
    }

    private record Slope(double slope, double moe) {
        boolean positive(Settings s) {
            return slope > 0 && moe < s.moeThreshold;
        }
    }

    /** Points (x seconds, y) in arrival order with running sums for an O(1) regression, bounded by time and by share. */
    private static final class Window {
        private final Settings settings;
        private final Deque<double[]> points = new ArrayDeque<>();
        private long everAdded;
        private double sx, sy, sxy, sxx, syy;

        Window(Settings settings) {
            this.settings = settings;
        }

        int n() {
            return points.size();
        }

        void add(double x, double y) {
            points.addLast(new double[]{x, y});
            everAdded++;
            sx += x;
            sy += y;
            sxy += x * y;
            sxx += x * x;
            syy += y * y;
        }

        void prune(double now, OverSaturation owner) {
            long cap = (long) (everAdded * settings.maximumWindowRatio);
            while (!points.isEmpty() && (points.size() > cap || now - points.peekFirst()[0] > settings.maxWindowSeconds)) {
                double[] p = points.removeFirst();
                sx -= p[0];
                sy -= p[1];
                sxy -= p[0] * p[1];
                sxx -= p[0] * p[0];
                syy -= p[1] * p[1];
                if (owner != null) owner.dropped(p[1]);
            }
        }

        /** Least-squares slope and its relative margin of error with {@code effectiveN} points' worth of evidence. */
        Slope slope(double effectiveN, Settings s) {
            if (effectiveN < 3) return new Slope(Double.NaN, Double.NaN);
            int n = points.size();
            double cxx = Math.max(sxx - sx * sx / n, EPS);
            double cxy = sxy - sx * sy / n;
            double cyy = syy - sy * sy / n;
            double slope = cxy / cxx;
            double rss = Math.max(cyy - cxy * cxy / cxx, 0);
            double dof = effectiveN - 2;
            double standardError = Math.sqrt(rss / dof / cxx);
            double t = new TDistribution(null, dof).inverseCumulativeProbability(1 - (1 - s.confidence) / 2);
            return new Slope(slope, t * standardError / Math.max(slope, EPS));
        }
    }
}
