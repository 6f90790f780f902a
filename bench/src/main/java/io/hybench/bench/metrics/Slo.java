package io.hybench.bench.metrics;

/**
 * Service-level objectives for goodput and for the "largest load meeting SLOs". A null limit is not
 * checked. A request is good when it succeeded and meets every limit given ({@link Metrics#meetsSlos});
 * a step meets its SLOs when at least {@code attainment} of its measured requests (failures included)
 * are good ({@link Metrics#stepMeetsSlos}).
 *
 * @param ttftMs     limit on time to first token
 * @param tpotMs     limit on time per output token
 * @param e2eMs      limit on end-to-end latency
 * @param attainment fraction of requests that must be good, in (0, 1]
 */
public record Slo(Double ttftMs, Double tpotMs, Double e2eMs, double attainment) {
    public Slo {
        checkLimit("ttftMs", ttftMs);
        checkLimit("tpotMs", tpotMs);
        checkLimit("e2eMs", e2eMs);
        if (!(attainment > 0 && attainment <= 1)) throw new IllegalArgumentException("attainment must be in (0, 1], was " + attainment);
    }

    /** No limits: every successful request is good. */
    public static Slo none() {
        return new Slo(null, null, null, 1.0);
    }

    private static void checkLimit(String name, Double v) {
        if (v != null && (!(v > 0) || !Double.isFinite(v))) throw new IllegalArgumentException(name + " must be > 0, was " + v);
    }
}
