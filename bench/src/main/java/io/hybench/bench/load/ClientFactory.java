package io.hybench.bench.load;

import io.hybench.bench.client.ClientOptions;
import io.hybench.bench.client.RunClock;
import io.hybench.bench.client.StreamingClient;
import io.hybench.bench.client.Target;
import io.hybench.bench.client.protocols.StreamingClients;

/**
 * Builds the streaming client of a target. The client must read every time it records from
 * {@code clock}, the run's one clock, so its records share an origin with the schedule.
 */
@FunctionalInterface
public interface ClientFactory {
    StreamingClient open(Target target, RunClock clock);

    /** The protocol clients over real HTTP, keys read from the environment variables targets name. */
    static ClientFactory streaming(ClientOptions options) {
        return (target, clock) -> StreamingClients.create(target, options, clock);
    }
}
