package io.hybench.emulator.profile;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hybench.core.config.Checks;

/**
 * Injected faults for reliability tests; each rate is the probability per request.
 *
 * @param stallRate        a stream pauses {@code stallNanos} at a random token; later tokens shift with it
 * @param disconnectRate   the connection is cut at a random token, without the stream's end
 * @param malformedRate    one chunk is replaced by a line that is not valid JSON
 * @param slowHeadersRate  response headers are held back {@code slowHeadersNanos}
 * @param serverErrorRate  the request is answered with HTTP 500 before anything else
 * @param healthyRequests  the first this many requests (by arrival) suffer no fault: a server that answers, then
 *                         misbehaves (a client's preflight passes, its load meets the faults)
 */
public record FaultParams(double stallRate, long stallNanos, double disconnectRate, double malformedRate,
                          double slowHeadersRate, long slowHeadersNanos, double serverErrorRate, long healthyRequests) {
    public static final FaultParams NONE = new FaultParams(0, 0, 0, 0, 0, 0, 0, 0);

    public FaultParams {
        if (healthyRequests < 0) throw new IllegalArgumentException("healthy_requests must be >= 0, was " + healthyRequests);
    }

    /** The {@code faults} section; a fault not named does not happen. */
    @JsonCreator
    static FaultParams fromFile(@JsonProperty("stall_rate") Double stallRate, @JsonProperty("stall_ms") Double stallMs,
                                @JsonProperty("disconnect_rate") Double disconnectRate, @JsonProperty("malformed_rate") Double malformedRate,
                                @JsonProperty("slow_headers_rate") Double slowHeadersRate, @JsonProperty("slow_headers_ms") Double slowHeadersMs,
                                @JsonProperty("server_error_rate") Double serverErrorRate,
                                @JsonProperty("healthy_requests") Long healthyRequests) {
        return new FaultParams(rate("stall_rate", stallRate), Millis.nanos("stall_ms", orZero(stallMs), 0),
                rate("disconnect_rate", disconnectRate), rate("malformed_rate", malformedRate),
                rate("slow_headers_rate", slowHeadersRate), Millis.nanos("slow_headers_ms", orZero(slowHeadersMs), 0),
                rate("server_error_rate", serverErrorRate), healthyRequests == null ? 0 : healthyRequests);
    }

    private static double rate(String key, Double v) {
        return Checks.within(key, orZero(v), 0, 1);
    }

    private static double orZero(Double v) {
        return v == null ? 0 : v;
    }
}
