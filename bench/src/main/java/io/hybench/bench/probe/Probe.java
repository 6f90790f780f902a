package io.hybench.bench.probe;

import io.hybench.bench.client.ApiKey;
import io.hybench.bench.client.ClientOptions;
import io.hybench.bench.client.GenerationRequest;
import io.hybench.bench.client.RunClock;
import io.hybench.bench.client.StreamingClient;
import io.hybench.bench.client.Target;
import io.hybench.bench.client.protocols.StreamingClients;

/** Streams one request to one target and reports it: the whole of {@code hybench probe}. */
public final class Probe {
    private Probe() {
    }

    /** Sends {@code request} now (intended send = actual send) and waits for the stream to end. */
    public static ProbeResult run(Target target, GenerationRequest request, ClientOptions options, ApiKey key) {
        RunClock clock = RunClock.startingNow();
        try (StreamingClient client = StreamingClients.create(target, options, clock, key)) {
            return ProbeResult.of(client.execute(request, clock.nanos()));
        }
    }
}
