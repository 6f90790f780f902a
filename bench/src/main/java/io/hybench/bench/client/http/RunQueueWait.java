package io.hybench.bench.client.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * How long the calling thread has waited, runnable, for a CPU: the second field of Linux's
 * {@code /proc/thread-self/schedstat} ({@code run_delay}, nanoseconds, counted by the scheduler as the thread is put
 * on a CPU). A loop thread woken by a readable socket while another thread holds its core stamps the bytes that
 * late, and a probe ticking evenly in time rarely sees it when the waking is bunched with the arrivals; read per
 * batch, it weighs by them (docs/metrics.md, "Timing uncertainty"). Opened on the thread it measures (the link
 * resolves to that thread's task), read with one positional read into a reused buffer.
 */
final class RunQueueWait {
    private static final Path SELF = Path.of("/proc/thread-self/schedstat");
    private final FileChannel file;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(128);

    private RunQueueWait(FileChannel file) {
        this.file = file;
    }

    /** The calling thread's reader; null where the kernel does not count it (not Linux, no schedstat). */
    static RunQueueWait openForCurrentThread() {
        try {
            RunQueueWait reader = new RunQueueWait(FileChannel.open(SELF, StandardOpenOption.READ));
            return reader.totalNanos() < 0 ? null : reader;
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** The thread's total run-queue wait so far, in nanoseconds; -1 when it could not be read. */
    long totalNanos() {
        try {
            buffer.clear();
            int n = file.read(buffer, 0);
            return n <= 0 ? -1 : runDelay(buffer, n);
        } catch (IOException e) {
            return -1;
        }
    }

    void close() {
        try {
            file.close();
        } catch (IOException ignored) {
            // a /proc file: nothing was written that closing could lose
        }
    }

    /** {@code run_delay} from the first {@code length} bytes of a schedstat line ({@code "cpu_ns run_delay_ns slices"}). */
    static long runDelay(ByteBuffer line, int length) {
        int i = 0;
        while (i < length && line.get(i) != ' ') i++;
        long value = 0;
        int digits = 0;
        for (i++; i < length; i++, digits++) {
            byte b = line.get(i);
            if (b < '0' || b > '9') break;
            value = value * 10 + (b - '0');
        }
        return digits == 0 ? -1 : value;
    }
}
