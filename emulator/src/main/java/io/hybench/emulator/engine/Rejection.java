package io.hybench.emulator.engine;

/** Why an engine refused a job; each protocol front-end turns it into that server's error. */
public sealed interface Rejection {
    /** Ollama: the queue of requests waiting for a model load is full (503). */
    record QueueFull() implements Rejection {
    }

    /**
     * A per-key limit was hit (429).
     *
     * @param limitName        "requests" or "tokens"
     * @param retryAfterNanos  when the window has room again
     */
    record RateLimited(String limitName, long limit, long used, long requested, long retryAfterNanos)
            implements Rejection {
    }

    /** The provider is overloaded (Anthropic 529, OpenAI 503). */
    record Overloaded() implements Rejection {
    }
}
