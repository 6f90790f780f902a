package io.hybench.emulator.engine;

/**
 * The clock and timer an engine model runs on. Engine code runs only inside loop callbacks, so it
 * needs no locks, and the same code runs in real time (serving) or simulated time (tests).
 */
public interface EventLoop {
    /** The current time in nanoseconds since the loop's origin; inside a timed callback, its due time. */
    long now();

    /** Runs {@code action} on the loop at {@code timeNanos} (at once if that has passed). Loop thread only. */
    void at(long timeNanos, Runnable action);
}
