package io.hybench.core.os;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchedulerSliceTest {
    private static final Path SCHED = Path.of("/proc/thread-self/sched");

    /** Linux 6.12 added custom slices for SCHED_OTHER; the kernel's own per-thread file says what a thread got. */
    private static boolean kernelHasCustomSlices() {
        if (!System.getProperty("os.name").equals("Linux")) return false;
        String[] v = System.getProperty("os.version").split("[.-]");
        int major = Integer.parseInt(v[0]);
        int minor = Integer.parseInt(v[1]);
        return major > 6 || major == 6 && minor >= 12;
    }

    /** The calling thread's slice as the kernel reports it ({@code se.slice} in /proc/thread-self/sched). */
    private static long kernelSliceNanos() throws IOException {
        return Files.readAllLines(SCHED).stream().filter(l -> l.startsWith("se.slice"))
                .mapToLong(l -> Long.parseLong(l.substring(l.indexOf(':') + 1).trim())).findFirst().orElseThrow();
    }

    private static <T> T onFreshThread(ThrowingSupplier<T> body) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                result.set(body.get());
            } catch (Exception e) {
                failure.set(e);
            }
        });
        t.join();
        if (failure.get() != null) throw failure.get();
        return result.get();
    }

    @FunctionalInterface
    private interface ThrowingSupplier<T> {
        T get() throws Exception;
    }

    @Test
    void theKernelGrantsTheShortSliceAndTakesItBackWhereItCan() throws Exception {
        long[] slices = onFreshThread(() -> {
            long before = kernelHasCustomSlices() ? kernelSliceNanos() : -1;
            SchedulerSlice.Outcome outcome = SchedulerSlice.shortenForCurrentThread();
            long during = kernelHasCustomSlices() ? kernelSliceNanos() : -1;
            SchedulerSlice.resetForCurrentThread();
            long after = kernelHasCustomSlices() ? kernelSliceNanos() : -1;
            return new long[]{before, during, after, outcome instanceof SchedulerSlice.Outcome.Applied a ? a.sliceNanos() : -1};
        });
        if (kernelHasCustomSlices()) {
            assertEquals(100_000, slices[3], "granted");
            assertEquals(100_000, slices[1], "the kernel's slice while shortened");
            assertTrue(slices[0] > 100_000, "the default slice is longer: " + slices[0]);
            assertEquals(slices[0], slices[2], "the default again after the reset");
        } else {
            assertEquals(-1, slices[3], "nothing granted on " + System.getProperty("os.name") + " " + System.getProperty("os.version"));
        }
    }

    @Test
    void aSliceOfZeroLeavesTheThreadAsItIs() throws Exception {
        String previous = System.setProperty(SchedulerSlice.PROPERTY, "0");
        try {
            assertEquals(new SchedulerSlice.Outcome.Unavailable("-Dhybench.sliceMicros=0"), onFreshThread(SchedulerSlice::shortenForCurrentThread));
        } finally {
            if (previous == null) System.clearProperty(SchedulerSlice.PROPERTY);
            else System.setProperty(SchedulerSlice.PROPERTY, previous);
        }
    }

    @Test
    void theProbeAsksOnItsOwnThreadAndDescribesTheAnswer() throws Exception {
        long before = kernelHasCustomSlices() ? kernelSliceNanos() : -1;
        SchedulerSlice.Outcome outcome = SchedulerSlice.probe();
        if (kernelHasCustomSlices()) {
            assertEquals("100 µs scheduler slice", outcome.describe());
            assertEquals(before, kernelSliceNanos(), "the calling thread's own slice");
        } else {
            assertTrue(outcome.describe().startsWith("default scheduler slice ("), outcome.describe());
        }
    }
}
