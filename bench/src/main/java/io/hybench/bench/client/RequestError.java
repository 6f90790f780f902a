package io.hybench.bench.client;

import java.util.Objects;

/**
 * A failed request's cause.
 *
 * @param errorClass   classification used for error counts
 * @param httpStatus   HTTP status when one was received, else null
 * @param message      server's message or a description of what went wrong; API keys redacted
 * @param retryAfterMs server's retry-after in milliseconds when sent, else null
 */
public record RequestError(ErrorClass errorClass, Integer httpStatus, String message, Long retryAfterMs) {
    public RequestError {
        Objects.requireNonNull(errorClass, "errorClass");
        Objects.requireNonNull(message, "message");
    }
}
