package io.hybench.emulator.protocol;

import io.netty.channel.EventLoop;
import io.netty.util.internal.PlatformDependent;

import java.util.Queue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Hands work from the engine's thread to one event loop, one loop task per burst rather than one per item: a
 * vLLM-like step emits a token for every running stream at once, and a task each would put a thousand wake-ups
 * and task-queue round trips through the loop per step. Items run in the order they were posted.
 */
final class LoopInbox {
    private final EventLoop loop;
    private final Queue<Runnable> queue = PlatformDependent.newMpscQueue();
    /** A drain task is queued on the loop and has not yet started taking items. */
    private final AtomicBoolean drainQueued = new AtomicBoolean();

    LoopInbox(EventLoop loop) {
        this.loop = loop;
    }

    /** Thread-safe; throws {@link java.util.concurrent.RejectedExecutionException} once the loop is shutting down. */
    void post(Runnable work) {
        queue.offer(work);
        if (!drainQueued.get() && drainQueued.compareAndSet(false, true)) loop.execute(this::drain);
    }

    private void drain() {
        // Cleared before taking items: an item posted from here on is either taken below or queues a new drain.
        drainQueued.set(false);
        try {
            for (Runnable work; (work = queue.poll()) != null; ) work.run();
        } finally {
            // An item that threw leaves the rest to a new drain (the loop logs the exception).
            if (!queue.isEmpty() && drainQueued.compareAndSet(false, true)) loop.execute(this::drain);
        }
    }
}
