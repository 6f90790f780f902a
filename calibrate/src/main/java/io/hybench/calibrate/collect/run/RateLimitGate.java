package io.hybench.calibrate.collect.run;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One per target: when any request is told to wait (429 with retry-after), every request to that
 * target waits, instead of each worker hammering the server until it is told individually.
 */
final class RateLimitGate {
    private final AtomicLong pausedUntilNanos;
    private final Pacer pacer;

    RateLimitGate(Pacer pacer) {
        this.pacer = pacer;
        this.pausedUntilNanos = new AtomicLong(pacer.nanoTime());
    }

    /** Waits until no pause is in force. */
    void awaitClear() throws InterruptedException {
        long waitNanos;
        while ((waitNanos = pausedUntilNanos.get() - pacer.nanoTime()) > 0) {
            pacer.sleep(Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos + 999_999)));
        }
    }

    /** No request to this target starts within the next {@code millis}. */
    void pause(long millis) {
        long until = pacer.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        pausedUntilNanos.accumulateAndGet(until, (a, b) -> a - b > 0 ? a : b); // nanoTime order: compare by difference
    }
}
