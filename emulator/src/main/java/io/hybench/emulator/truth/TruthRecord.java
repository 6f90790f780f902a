package io.hybench.emulator.truth;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One thing the emulator wrote, with the time the model scheduled it and the time it reached the
 * socket. Times are nanoseconds since the emulator started ({@code Emulator#originNanoTime()}).
 *
 * @param request         the emulator's request number (1-based, in arrival order)
 * @param endpoint        the HTTP path that was served
 * @param seq             position of this write within the response (0 = headers)
 * @param kind            headers, start, token, finish, usage, done, error or malformed
 * @param token           the token index for token writes, else -1
 * @param fault           the injected fault that shaped this write (stall, malformed, disconnect, slow_headers), or null
 * @param clientRequest   the client's id for the request ({@code x-hybench-request-id}, sent by hybench's clients),
 *                        null when the request had none; {@code hybench score} joins results to the truth by it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TruthRecord(long request, String endpoint, int seq, String kind, int token,
                          long scheduledNanos, long writtenNanos, String fault, String clientRequest) implements TruthEntry {
    public long lateNanos() {
        return writtenNanos - scheduledNanos;
    }
}
