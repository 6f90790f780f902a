package io.hybench.bench.load;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.hybench.bench.client.ClientOptions;
import io.hybench.core.config.DurationText;

import java.time.Duration;

/**
 * How long a request may wait on its server; the {@code request.timeouts} section of a workload, which
 * {@code bench --first-token-timeout/--idle-timeout} override. A request that exceeds one fails as
 * {@code TIMEOUT_FIRST_TOKEN} or {@code TIMEOUT_IDLE}; the step as a whole ends by {@code run.drainTimeout}.
 *
 * @param firstTokenNanos from sending to the first content (response headers included)
 * @param idleNanos       longest silence inside a stream once content has begun
 */
public record RequestTimeouts(@JsonProperty("firstToken") @JsonSerialize(using = DurationText.Serializer.class) long firstTokenNanos,
                              @JsonProperty("idle") @JsonSerialize(using = DurationText.Serializer.class) long idleNanos) {
    /** The client's defaults: 5 min to the first token (a cold model load), 1 min of silence. */
    public static final RequestTimeouts DEFAULTS = new RequestTimeouts(ClientOptions.DEFAULTS.firstTokenTimeout().toNanos(),
            ClientOptions.DEFAULTS.idleTimeout().toNanos());

    public RequestTimeouts {
        if (firstTokenNanos <= 0) throw new IllegalArgumentException("firstToken must be > 0");
        if (idleNanos <= 0) throw new IllegalArgumentException("idle must be > 0");
    }

    @JsonCreator
    static RequestTimeouts fromFile(@JsonProperty("firstToken") @JsonDeserialize(using = DurationText.Deserializer.class) Long firstToken,
                                    @JsonProperty("idle") @JsonDeserialize(using = DurationText.Deserializer.class) Long idle) {
        return new RequestTimeouts(firstToken != null ? firstToken : DEFAULTS.firstTokenNanos, idle != null ? idle : DEFAULTS.idleNanos);
    }

    /** These timeouts, with the other values given; a null leaves this one's. */
    public RequestTimeouts with(Duration firstToken, Duration idle) {
        return new RequestTimeouts(firstToken != null ? firstToken.toNanos() : firstTokenNanos, idle != null ? idle.toNanos() : idleNanos);
    }

    /** Jackson's filter that leaves the defaults out of a written workload: "equal" to them. */
    static final class IfDefault {
        @Override
        public boolean equals(Object o) {
            return DEFAULTS.equals(o);
        }

        @Override
        public int hashCode() {
            return DEFAULTS.hashCode();
        }
    }

    /** The client's limits under these timeouts (its default connect timeout). */
    public ClientOptions clientOptions() {
        return new ClientOptions(ClientOptions.DEFAULTS.connectTimeout(), Duration.ofNanos(firstTokenNanos), Duration.ofNanos(idleNanos));
    }
}
