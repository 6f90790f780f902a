package io.hybench.bench.client.http;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** A thread's run-queue wait: the schedstat field by hand, and the reader bound to the thread that opened it. */
class RunQueueWaitTest {
    private static long runDelay(String line) {
        byte[] b = line.getBytes(StandardCharsets.US_ASCII);
        return RunQueueWait.runDelay(ByteBuffer.wrap(b), b.length);
    }

    @Test
    void readsTheSecondFieldOfSchedstat() {
        assertEquals(101_795, runDelay("1000386 101795 1\n"));
        assertEquals(0, runDelay("5 0 0\n"));
        assertEquals(-1, runDelay("1000386\n"), "no second field");
        assertEquals(-1, runDelay(""));
    }

    /** Opened on a thread, it reads that thread's task even from another thread (a loop reads only its own, but must read its own). */
    @Test
    void readsTheTaskOfTheThreadThatOpenedIt() throws Exception {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/thread-self/schedstat")), "no /proc/thread-self/schedstat here (not Linux, or schedstats off)");
        AtomicReference<RunQueueWait> reader = new AtomicReference<>();
        AtomicReference<Path> task = new AtomicReference<>();
        CountDownLatch opened = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            try {
                task.set(Path.of("/proc/thread-self").toRealPath().resolve("schedstat"));
                reader.set(RunQueueWait.openForCurrentThread());
                opened.countDown();
                done.await();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        t.start();
        opened.await();
        try {
            assertNotNull(reader.get());
            // the opener is parked: its run-queue wait stands still, so both readings agree exactly
            String line = Files.readString(task.get());
            assertEquals(Long.parseLong(line.trim().split(" ")[1]), reader.get().totalNanos(), "read from " + task.get());
        } finally {
            done.countDown();
            t.join();
        }
    }
}
