package io.hybench.core.os;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * Lowers the CPU share of the platform thread that carries the calling virtual thread (raises its nice value), so
 * that the request threads' bursts of work give way to the I/O threads that stamp arrivals. Streams that a server
 * serves in one batch start, cross 64 tokens and end together; their request threads then read the queued frames'
 * JSON, build records and send the next requests at once. Under equal weight that burst took half of a core from
 * the I/O loop, which read sockets a token gap late, and a read holding two tokens of a stream gives the earlier one
 * the later one's arrival (docs/performance.md, "Request threads at a lower priority").
 * <p>
 * Linux's nice value is per thread: {@code setpriority(PRIO_PROCESS, 0, n)} sets the calling thread's, here the
 * carrier's. Raising it needs no privilege. It is set to the process's nice value plus {@code
 * -Dhybench.requestNice=N} (default 10, at most 19; 0 leaves carriers as they are), once per call: a carrier that
 * carries many requests is set again at no cost (the kernel returns at once when nothing changes). Elsewhere, or when
 * the call fails, a no-op.
 */
public final class CarrierNice {
    public static final String PROPERTY = "hybench.requestNice";
    private static final int DEFAULT_STEP = 10;
    private static final int MAX_NICE = 19;
    private static final int PRIO_PROCESS = 0;
    private static final LibC LIBC = load();
    /** The nice value carriers get; empty: leave them. */
    private static final OptionalInt TARGET = computeTarget();
    private static volatile boolean failed;

    private CarrierNice() {
    }

    /** The nice value carriers are given, or empty when they are left as they are (off, or not Linux). */
    public static OptionalInt target() {
        return TARGET;
    }

    /** Raises the nice value of the current virtual thread's carrier; a no-op on a platform thread. */
    public static void lowerCurrentCarrier() {
        if (TARGET.isEmpty() || failed || !Thread.currentThread().isVirtual()) return;
        try {
            LIBC.setpriority(PRIO_PROCESS, 0, TARGET.getAsInt());
        } catch (LastErrorException e) {
            failed = true; // e.g. a seccomp filter; the carriers keep their weight
        }
    }

    private static OptionalInt computeTarget() {
        int step = Integer.getInteger(PROPERTY, DEFAULT_STEP);
        if (step <= 0 || LIBC == null) return OptionalInt.empty();
        OptionalInt own = processNice();
        return own.isEmpty() ? own : OptionalInt.of(Math.min(MAX_NICE, own.getAsInt() + step));
    }

    /**
     * The process's nice value: its main thread's ({@code /proc/self/stat}), never a carrier's, so that neither the
     * thread that first uses this class nor a thread it started (which inherits its creator's value) moves the base.
     */
    public static OptionalInt processNice() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // after the command name in parentheses (which may hold spaces): state is field 3, nice field 19
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return OptionalInt.of(Integer.parseInt(fields[16]));
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    private static LibC load() {
        if (!Platform.isLinux()) return null;
        try {
            return Native.load(Platform.C_LIBRARY_NAME, LibC.class);
        } catch (LinkageError e) {
            return null; // JNA's native part could not be loaded (e.g. a temp directory mounted noexec)
        }
    }

    private interface LibC extends Library {
        int setpriority(int which, int who, int prio) throws LastErrorException;
    }
}
