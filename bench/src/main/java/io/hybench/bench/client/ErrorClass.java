package io.hybench.bench.client;

/** Why a request failed. Failures are counted per class and never dropped from results. */
public enum ErrorClass {
    /** TCP connect failed or was refused. */
    CONNECT,
    /** No content token arrived within the first-token timeout. */
    TIMEOUT_FIRST_TOKEN,
    /** The stream went silent longer than the idle timeout after it had started. */
    TIMEOUT_IDLE,
    /** A non-2xx HTTP status other than rate limiting or overload. */
    HTTP_STATUS,
    /** HTTP 429 (or a rate-limit error in the body); retry-after is kept when sent. */
    RATE_LIMITED,
    /** Server overloaded: Anthropic 529 / overloaded_error, Ollama 503 queue full, 503 admission. */
    OVERLOADED,
    /**
     * An error object arrived inside a 200 stream (SSE error event, NDJSON error line, data: {"error"}).
     * An in-stream error whose type says rate limit or overload is classed as those instead.
     */
    STREAM_ERROR,
    /** The bytes did not follow the protocol (bad JSON, unexpected shape). */
    MALFORMED_STREAM,
    /** The connection closed before the protocol's end marker ([DONE], done:true, message_stop). */
    DISCONNECT,
    /**
     * The client gave up on its own (its thread was interrupted, e.g. the run was stopped). Kept apart
     * from server-side failures so stopping a run does not inflate their counts.
     */
    CANCELLED
}
