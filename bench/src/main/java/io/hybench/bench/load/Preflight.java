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

    static void check(Target target, StreamingClient client, RequestOptions options, RunClock clock) {
        GenerationRequest probe = new GenerationRequest("preflight-" + target.name(), "Reply with one word.", options.chat(),
                1, false, options.temperature(), null, false, 0, null, null);
        RequestRecord r = client.execute(probe, clock.nanos());
        if (r.error() != null && FATAL.contains(r.error().errorClass())) {
            throw new IllegalStateException("target '" + target.name() + "' (" + target.api().name().toLowerCase(java.util.Locale.ROOT)
                    + " at " + target.baseUrl() + ", model '" + target.model() + "') failed its preflight request before any load was sent: "
                    + r.error().errorClass() + (r.error().httpStatus() == null ? "" : " " + r.error().httpStatus()) + ": " + r.error().message());
        }
    }
}
