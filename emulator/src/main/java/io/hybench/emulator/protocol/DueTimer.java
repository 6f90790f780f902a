package io.hybench.emulator.protocol;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * One timer for all the response writers of an event loop that wait for a write to fall due. A vLLM-like step
 * makes a token due on every running stream at the same instant; a Netty timer per writer would push a thousand
 * tasks through the loop's priority queue per step. Writers due at the same instant wake in the order they asked.
 * Used on its loop only.
 */
final class DueTimer {
    private final EventLoop loop;
    private final long originNanoTime;
    private final TreeMap<Long, List<ResponseWriter>> waiting = new TreeMap<>();
    private ScheduledFuture<?> armed;
    private long armedAtNanos = Long.MAX_VALUE;

    DueTimer(EventLoop loop, long originNanoTime) {
        this.loop = loop;
        this.originNanoTime = originNanoTime;
    }

    /** Calls {@code writer.due()} on the loop once {@code atNanos} (emulator time) has come. */
    void wake(ResponseWriter writer, long atNanos) {
        waiting.computeIfAbsent(atNanos, at -> new ArrayList<>()).add(writer);
        if (atNanos < armedAtNanos) arm(atNanos);
    }

    private void arm(long atNanos) {
        if (armed != null) armed.cancel(false);
        armedAtNanos = atNanos;
        armed = loop.schedule(this::fire, atNanos - now(), TimeUnit.NANOSECONDS);
    }

    private void fire() {
        armed = null;
        armedAtNanos = Long.MAX_VALUE;
        Map.Entry<Long, List<ResponseWriter>> first;
        // A writer woken here may ask again, for a later instant: that lands in another entry.
        while ((first = waiting.firstEntry()) != null && first.getKey() <= now()) {
            waiting.pollFirstEntry();
            for (ResponseWriter writer : first.getValue()) writer.due();
        }
        if (first != null && first.getKey() < armedAtNanos) arm(first.getKey());
    }

    private long now() {
        return System.nanoTime() - originNanoTime;
    }
}
