package io.hybench.emulator.engine;

import java.util.PriorityQueue;

/**
 * Discrete-event time: callbacks run in due-time order (ties in scheduling order) and the clock jumps
 * from one to the next without sleeping. Deterministic, so engine figures can be tested exactly.
 */
public final class SimulatedLoop implements EventLoop {
    private record Event(long timeNanos, long sequence, Runnable action) {
    }

    private final PriorityQueue<Event> events = new PriorityQueue<>((a, b) -> a.timeNanos != b.timeNanos
            ? Long.compare(a.timeNanos, b.timeNanos) : Long.compare(a.sequence, b.sequence));
    private long now;
    private long sequence;

    @Override
    public long now() {
        return now;
    }

    @Override
    public void at(long timeNanos, Runnable action) {
        events.add(new Event(Math.max(timeNanos, now), sequence++, action));
    }

    /** Runs events due up to and including {@code endNanos}, then leaves the clock there. */
    public void runUntil(long endNanos) {
        while (!events.isEmpty() && events.peek().timeNanos <= endNanos) {
            Event e = events.poll();
            now = e.timeNanos;
            e.action.run();
        }
        now = Math.max(now, endNanos);
    }

    /** Runs until no event is left. */
    public void runAll() {
        runUntil(Long.MAX_VALUE - 1);
    }
}
