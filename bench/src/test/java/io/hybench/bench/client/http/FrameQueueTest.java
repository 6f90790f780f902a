package io.hybench.bench.client.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Frames pass from one writer to one reader in order, none lost or repeated, across segment ends. */
class FrameQueueTest {

    @Test
    void framesComeOutInOrderAcrossSegments() {
        FrameQueue q = new FrameQueue();
        assertNull(q.poll());
        for (int round = 0; round < 3; round++) { // fill past a segment's end, drain, and again from mid-segment
            for (int i = 0; i < 70; i++) q.add(frame(i));
            for (int i = 0; i < 70; i++) assertEquals(i, q.poll().arrivalNanos());
            assertNull(q.poll());
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aConcurrentReaderSeesEveryFrameOnceInOrder() throws InterruptedException {
        FrameQueue q = new FrameQueue();
        int n = 1_000_000;
        Thread writer = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < n; i++) q.add(frame(i));
        });
        for (int expected = 0; expected < n; ) {
            RawFrame f = q.poll();
            if (f == null) {
                Thread.onSpinWait();
                continue;
            }
            assertEquals(expected++, f.arrivalNanos());
        }
        writer.join();
        assertNull(q.poll());
    }

    private static RawFrame frame(long i) {
        return new RawFrame(new byte[0], i, -1, false, false);
    }
}
