package io.hybench.bench.client;

/**
 * Monotonic time relative to a run's start. Every {@code ...Nanos} field of a {@link RequestRecord}
 * is read from one of these, so records of one run share an origin and can be subtracted.
 */
public final class RunClock {
    private final long originNanoTime;

    private RunClock(long originNanoTime) {
        this.originNanoTime = originNanoTime;
    }

    /** A clock whose zero is now. */
    public static RunClock startingNow() {
        return new RunClock(System.nanoTime());
    }

    /**
     * A clock whose zero is a wall-clock instant (past or future), read once against this JVM's wall clock: the
     * shards of one run share that instant as their zero, so their run-relative times line up as far as their
     * wall clocks agree.
     */
    public static RunClock zeroAt(long epochMillis) {
        long now = System.nanoTime();
        long untilZeroNanos = (epochMillis - System.currentTimeMillis()) * 1_000_000L;
        return new RunClock(now + untilZeroNanos);
    }

    /** The {@link System#nanoTime()} value this clock counts from. */
    public long originNanoTime() {
        return originNanoTime;
    }

    /** Nanoseconds since the origin ({@link System#nanoTime()} based; never goes backwards). */
    public long nanos() {
        return System.nanoTime() - originNanoTime;
    }

    /** The run-relative time of a {@link System#nanoTime()} reading taken elsewhere (an I/O thread's stamp). */
    public long fromNanoTime(long nanoTime) {
        return nanoTime - originNanoTime;
    }

    /** The {@link System#nanoTime()} value of a run-relative time, for absolute-deadline waits. */
    public long toNanoTime(long runNanos) {
        return originNanoTime + runNanos;
    }
}
