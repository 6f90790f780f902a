package io.hybench.bench.load;

import io.hybench.bench.client.ErrorClass;
import io.hybench.bench.client.GenerationRequest;
import io.hybench.bench.client.RequestRecord;
import io.hybench.bench.client.RunClock;
import io.hybench.bench.client.StreamingClient;
import io.hybench.bench.client.Target;

import java.util.EnumSet;
import java.util.Set;

/**
 * One one-token request per target before any load: an unreachable server, a wrong model name or a
 * rejected key fails the run here, naming the target, instead of filling a sweep with errors. It also
 * opens the client's first connection, so the first measured request does not pay for it.
 */
final class Preflight {
    /** Failures that say the target cannot serve this workload at all. Busy or rate-limited is fine. */
    private static final Set<ErrorClass> FATAL = EnumSet.of(ErrorClass.CONNECT, ErrorClass.HTTP_STATUS,
            ErrorClass.MALFORMED_STREAM, ErrorClass.TIMEOUT_FIRST_TOKEN, ErrorClass.DISCONNECT, ErrorClass.STREAM_ERROR);

    private Preflight() {
    }

    /** Attempts before a target that answers, but only with errors, is refused: a 30% fault rate passes (0.3^5 < 0.3%). */
    static final int ATTEMPTS = 5;

    /**
     * Passes as soon as one attempt succeeds (or fails in a way that is no verdict on the target). An
     * unreachable server or a definite refusal (4xx: wrong model, rejected key) stops at once, named
     * as such; a server that answers but fails every attempt is refused as one that always errs.
     */
    static void check(Target target, StreamingClient client, RequestOptions options, RunClock clock) {
        GenerationRequest probe = GenerationRequest.of("preflight-" + target.name(), "Reply with one word.", options.chat(),
                GenerationRequest.Output.upTo(1)).withSampling(GenerationRequest.Sampling.temperature(options.temperature()));
        RequestRecord r = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            r = client.execute(probe, clock.nanos());
            if (r.error() == null || !FATAL.contains(r.error().errorClass())) return;
            if (definite(r)) {
                throw failure(target, "is unreachable or refuses this model or key", r);
            }
        }
        throw failure(target, "answered all " + ATTEMPTS + " preflight requests with errors", r);
    }

    /** Failures a retry would only repeat: no connection, or the server's own 4xx verdict (not 408/429). */
    private static boolean definite(RequestRecord r) {
        Integer status = r.error().httpStatus();
        return r.error().errorClass() == ErrorClass.CONNECT
                || status != null && status >= 400 && status < 500 && status != 408 && status != 429;
    }

    private static IllegalStateException failure(Target target, String verdict, RequestRecord r) {
        return new IllegalStateException("target '" + target.name() + "' (" + target.api().name().toLowerCase(java.util.Locale.ROOT)
                + " at " + target.displayUrl() + ", model '" + target.model() + "') " + verdict + "; no load was sent. Last error: "
                + r.error().errorClass() + (r.error().httpStatus() == null ? "" : " " + r.error().httpStatus()) + ": " + r.error().message());
    }
}
