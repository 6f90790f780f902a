package io.hybench.bench.probe;

import io.hybench.bench.client.ApiKey;
import io.hybench.bench.client.ClientOptions;
import io.hybench.bench.client.GenerationRequest;
import io.hybench.bench.client.RequestRecord;
import io.hybench.bench.client.RunClock;
import io.hybench.bench.client.StreamingClient;
import io.hybench.bench.client.Target;
import io.hybench.bench.client.protocols.StreamingClients;

/**
 * Streams one request to one target and reports it: the whole of {@code hybench probe}. A one-token warm-up
 * request goes first on the same connection, so the figures are not those of a cold client (class loading,
 * JIT) and a first connection (TCP, TLS): 600-1,200 ms on a 20 ms server. It is reported apart.
 */
public final class Probe {
    private Probe() {
    }

    /**
     * @param warmUp   the warm-up request's record, null when none was sent
     * @param measured the measured request's; null when the warm-up failed (its record is then the outcome)
     */
    public record Outcome(ProbeResult warmUp, ProbeResult measured) {
        /** What the probe found: the measured request, or the warm-up's failure. */
        public ProbeResult result() {
            return measured != null ? measured : warmUp;
        }
    }

    /** Sends {@code request} now (intended send = actual send), after a warm-up when asked, and waits for the stream to end. */
    public static Outcome run(Target target, GenerationRequest request, ClientOptions options, ApiKey key, boolean warmUp) {
        RunClock clock = RunClock.startingNow();
        try (StreamingClient client = StreamingClients.create(target, options, clock, key)) {
            ProbeResult first = null;
            if (warmUp) {
                RequestRecord r = client.execute(GenerationRequest.chat(request.requestId() + "-warm-up", request.conversation(), 1), clock.nanos());
                first = ProbeResult.of(r);
                if (!first.succeeded()) return new Outcome(first, null);
            }
            return new Outcome(first, ProbeResult.of(client.execute(request, clock.nanos())));
        }
    }
}
