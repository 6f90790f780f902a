package io.hybench.emulator.engine;

import io.hybench.core.os.SchedulerSlice;

import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs engine callbacks on one platform thread at their due {@link System#nanoTime()} deadlines.
 * Timed callbacks see their due time as {@link #now()}, not the (slightly later) wake-up time, so
 * step after step the model never drifts; tasks handed in from other threads see the real time.
 */
public final class RealTimeLoop implements EventLoop, AutoCloseable {
    private record Event(long timeNanos, long sequence, Runnable action) {
    }

    private final long originNanoTime;
    private final PriorityQueue<Event> timed = new PriorityQueue<>((a, b) -> a.timeNanos != b.timeNanos
            ? Long.compare(a.timeNanos, b.timeNanos) : Long.compare(a.sequence, b.sequence));
    private final ConcurrentLinkedQueue<Runnable> incoming = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    private long now;
    private long sequence;

    /** Starts the loop; its time zero is {@code originNanoTime} (a {@link System#nanoTime()} value). */
    public RealTimeLoop(long originNanoTime) {
        this.originNanoTime = originNanoTime;
        this.thread = Thread.ofPlatform().name("emulator-engine").daemon().start(SchedulerSlice.shortened(this::loop));
    }

    /** Hands a task to the loop thread (thread-safe); it runs as soon as the loop is free. */
    public void execute(Runnable task) {
        incoming.add(task);
        LockSupport.unpark(thread);
    }

    @Override
    public long now() {
        return now;
    }

    private long realNow() {
        return System.nanoTime() - originNanoTime;
    }

    @Override
    public void at(long timeNanos, Runnable action) {
        timed.add(new Event(timeNanos, sequence++, action));
    }

    private void loop() {
        while (running) {
            Event due;
            while ((due = timed.peek()) != null && due.timeNanos <= realNow()) {
                timed.poll();
                now = Math.max(now, due.timeNanos);
                due.action.run();
            }
            Runnable task;
            while ((task = incoming.poll()) != null) {
                now = Math.max(now, realNow());
                task.run();
            }
            Event next = timed.peek();
            if (!incoming.isEmpty()) continue;
            if (next == null) LockSupport.park(this);
            else {
                long wait = next.timeNanos - realNow();
                if (wait > 0) LockSupport.parkNanos(this, wait);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
    }
}
