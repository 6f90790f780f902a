package io.hybench.bench.client;

import java.time.Duration;
import java.util.Objects;

/**
 * Client-side limits for one target.
 *
 * @param connectTimeout    TCP (and TLS) connect; exceeded: {@link ErrorClass#CONNECT}
 * @param firstTokenTimeout from sending to the first content chunk (response headers included);
 *                          exceeded: {@link ErrorClass#TIMEOUT_FIRST_TOKEN}
 * @param idleTimeout       longest silence between body deliveries once content has started;
 *                          exceeded: {@link ErrorClass#TIMEOUT_IDLE}
 */
public record ClientOptions(Duration connectTimeout, Duration firstTokenTimeout, Duration idleTimeout) {
    /** Generous enough for a cold model load on a local server, short enough to end a hung run. */
    public static final ClientOptions DEFAULTS =
            new ClientOptions(Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofMinutes(1));

    public ClientOptions {
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(firstTokenTimeout, "firstTokenTimeout");
        requirePositive(idleTimeout, "idleTimeout");
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
}
