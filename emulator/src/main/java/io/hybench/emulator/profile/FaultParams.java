package io.hybench.emulator.profile;

/**
 * Injected faults for reliability tests; each rate is the probability per request.
 *
 * @param stallRate        a stream pauses {@code stallNanos} at a random token; later tokens shift with it
 * @param disconnectRate   the connection is cut at a random token, without the stream's end
 * @param malformedRate    one chunk is replaced by a line that is not valid JSON
 * @param slowHeadersRate  response headers are held back {@code slowHeadersNanos}
 * @param serverErrorRate  the request is answered with HTTP 500 before anything else
 */
public record FaultParams(double stallRate, long stallNanos, double disconnectRate, double malformedRate,
                          double slowHeadersRate, long slowHeadersNanos, double serverErrorRate) {
    public static final FaultParams NONE = new FaultParams(0, 0, 0, 0, 0, 0, 0);
}
