package io.hybench.calibrate.collect.run;

import io.hybench.bench.client.ErrorClass;
import io.hybench.bench.client.RequestError;

/**
 * Which failures are waited out and for how long. Rate limiting (429) and overload (529, 503 queue
 * full) are retried: after the server's retry-after when it sent one, else after an exponential
 * backoff {@code base * 2^(attempt-1)} capped at {@code maxBackoffMs}. Other failures are not retried
 * within a run; their questions stay unanswered and the next run asks them again.
 */
public record RetryPolicy(int maxAttempts, long baseBackoffMs, long maxBackoffMs) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(8, 1_000, 60_000);

    public RetryPolicy {
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be >= 1");
        if (baseBackoffMs < 0 || maxBackoffMs < baseBackoffMs) throw new IllegalArgumentException("need 0 <= baseBackoffMs <= maxBackoffMs");
    }

    public boolean retryable(RequestError e) {
        return e.errorClass() == ErrorClass.RATE_LIMITED || e.errorClass() == ErrorClass.OVERLOADED;
    }

    /** Milliseconds to wait before attempt {@code attempt + 1}. */
    public long waitMs(RequestError e, int attempt) {
        if (e.retryAfterMs() != null && e.retryAfterMs() >= 0) return e.retryAfterMs();
        long backoff = baseBackoffMs << Math.min(attempt - 1, 30);
        return Math.min(maxBackoffMs, backoff < 0 ? maxBackoffMs : backoff);
    }
}
