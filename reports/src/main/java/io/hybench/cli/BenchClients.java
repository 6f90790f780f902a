package io.hybench.cli;

import io.hybench.bench.load.ClientFactory;

/**
 * The one place {@code hybench bench} (and later {@code demo}) gets its streaming clients from: swap
 * the factory here to wire the protocol clients in. Until they are part of the build, every target
 * fails before any request is sent, naming its protocol.
 */
final class BenchClients {
    private BenchClients() {
    }

    static ClientFactory factory() {
        return (target, clock) -> {
            throw new IllegalStateException("no streaming client for api '" + target.api().name().toLowerCase(java.util.Locale.ROOT)
                    + "' (target '" + target.name() + "') is wired into this build: see io.hybench.cli.BenchClients");
        };
    }
}
