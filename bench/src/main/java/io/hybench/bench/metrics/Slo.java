package io.hybench.bench.metrics;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

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
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Slo(Double ttftMs, Double tpotMs, Double e2eMs, double attainment) {
    public Slo {
        checkLimit("ttftMs", ttftMs);
        checkLimit("tpotMs", tpotMs);
        checkLimit("e2eMs", e2eMs);
        if (!(attainment > 0 && attainment <= 1)) throw new IllegalArgumentException("attainment must be in (0, 1], was " + attainment);
    }

    /** An {@code slo} section: attainment 0.99 unless given. */
    @JsonCreator
    static Slo fromFile(@JsonProperty("ttftMs") Double ttftMs, @JsonProperty("tpotMs") Double tpotMs,
                        @JsonProperty("e2eMs") Double e2eMs, @JsonProperty("attainment") Double attainment) {
        return new Slo(ttftMs, tpotMs, e2eMs, attainment != null ? attainment : 0.99);
    }

    /** No limits: every successful request is good. */
    public static Slo none() {
        return new Slo(null, null, null, 1.0);
    }

    private static void checkLimit(String name, Double v) {
        if (v != null && (!(v > 0) || !Double.isFinite(v))) throw new IllegalArgumentException(name + " must be > 0, was " + v);
    }
}
