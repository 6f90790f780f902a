package io.hybench.core.os;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;

import java.util.Locale;

/**
 * Asks Linux's EEVDF scheduler for a short time slice for the calling thread ({@code sched_attr.sched_runtime} of a
 * {@code SCHED_OTHER} thread, Linux 6.12+). A thread that must act the moment it wakes (an I/O loop stamping
 * arrivals, a dispatcher sending on schedule, a server writing on its step) otherwise waits, runnable, behind
 * whatever thread holds its core for up to that thread's slice (about 3 ms by default); a shorter slice gives it an
 * earlier virtual deadline, so its wake-up preempts (kernel commits 85e511df "sched/eevdf: Allow shorter slices to
 * wakeup-preempt" and 857b158d "sched/eevdf: Use sched_attr::sched_runtime to set request/slice suggestion"). Its
 * weight (nice) is unchanged: it gets no more CPU, only sooner. It needs no privilege; on older kernels and other
 * systems it is a no-op that says why.
 *
 * <p>{@code -Dhybench.sliceMicros=N} sets the slice (default 100, the kernel's minimum; 0 leaves threads as they are).
 */
public final class SchedulerSlice {
    public static final String PROPERTY = "hybench.sliceMicros";
    private static final long DEFAULT_MICROS = 100;
    /** {@code struct sched_attr} up to {@code sched_util_max} (SCHED_ATTR_SIZE_VER1). */
    private static final int ATTR_SIZE = 56;
    private static final int POLICY_OFFSET = 4;
    private static final int NICE_OFFSET = 16;
    private static final int RUNTIME_OFFSET = 24;
    private static final int SCHED_OTHER = 0;

    private SchedulerSlice() {
    }

    /** What a request came to. */
    public sealed interface Outcome {
        /** The thread now runs with slices of {@code sliceNanos}. */
        record Applied(long sliceNanos) implements Outcome {
        }

        /** The thread was left as it was, for {@code reason}. */
        record Unavailable(String reason) implements Outcome {
        }

        /** One line for a log or a benchmark's header. */
        default String describe() {
            return switch (this) {
                case Applied a -> String.format(Locale.ROOT, "%d µs scheduler slice", a.sliceNanos() / 1_000);
                case Unavailable u -> "default scheduler slice (" + u.reason() + ")";
            };
        }
    }

    /** Requests the configured short slice for the calling thread ({@link #PROPERTY}). */
    public static Outcome shortenForCurrentThread() {
        long micros = Long.getLong(PROPERTY, DEFAULT_MICROS);
        if (micros <= 0) return new Outcome.Unavailable("-D" + PROPERTY + "=" + micros);
        return request(micros * 1_000);
    }

    /** {@code task}, run by a thread that first asks for the short slice (for a thread factory's threads). */
    public static Runnable shortened(Runnable task) {
        return () -> {
            shortenForCurrentThread();
            task.run();
        };
    }

    /** What a request would come to on this machine, asked on a short-lived thread of its own. */
    public static Outcome probe() {
        Outcome[] outcome = new Outcome[1];
        Thread probe = Thread.ofPlatform().name("hybench-slice-probe").start(() -> outcome[0] = shortenForCurrentThread());
        try {
            probe.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.Unavailable("interrupted");
        }
        return outcome[0];
    }

    /** Gives the calling thread the kernel's default slice again (a request for 0); quiet where none was set. */
    public static void resetForCurrentThread() {
        request(0);
    }

    private static Outcome request(long sliceNanos) {
        Syscalls sys = Syscalls.forThisMachine();
        if (sys == null) return new Outcome.Unavailable("not Linux on x86-64 or AArch64");
        try (Memory attr = new Memory(ATTR_SIZE)) {
            attr.clear();
            sys.libc().syscall(sys.getattr(), 0L, attr, (long) ATTR_SIZE, 0L);
            int policy = attr.getInt(POLICY_OFFSET);
            if (policy != SCHED_OTHER) return new Outcome.Unavailable("the thread runs under scheduling policy " + policy);
            int nice = attr.getInt(NICE_OFFSET);
            attr.clear();
            attr.setInt(0, ATTR_SIZE);
            attr.setInt(NICE_OFFSET, nice);
            attr.setLong(RUNTIME_OFFSET, sliceNanos);
            sys.libc().syscall(sys.setattr(), 0L, attr, 0L);
            attr.clear();
            sys.libc().syscall(sys.getattr(), 0L, attr, (long) ATTR_SIZE, 0L);
            long granted = attr.getLong(RUNTIME_OFFSET);
            // before 6.12 the kernel accepts the field for SCHED_OTHER and ignores it (reads back 0)
            if (sliceNanos > 0 && granted == 0) return new Outcome.Unavailable("kernel without custom slices (Linux 6.12+)");
            return new Outcome.Applied(granted);
        } catch (LastErrorException e) {
            return new Outcome.Unavailable("sched_setattr failed: errno " + e.getErrorCode());
        }
    }

    /** The C library and this architecture's numbers for {@code sched_setattr}/{@code sched_getattr}. */
    private record Syscalls(LibC libc, long setattr, long getattr) {
        private static Syscalls instance;
        private static boolean looked;

        static synchronized Syscalls forThisMachine() {
            if (!looked) {
                looked = true;
                instance = load();
            }
            return instance;
        }

        private static Syscalls load() {
            if (!Platform.isLinux() || !Platform.is64Bit()) return null;
            long[] numbers = Platform.isIntel() ? new long[]{314, 315} : Platform.isARM() ? new long[]{274, 275} : null;
            if (numbers == null) return null;
            try {
                return new Syscalls(Native.load(Platform.C_LIBRARY_NAME, LibC.class), numbers[0], numbers[1]);
            } catch (LinkageError e) {
                // JNA's native part could not be loaded (e.g. a temp directory mounted noexec)
                return null;
            }
        }
    }

    private interface LibC extends Library {
        long syscall(long number, Object... args) throws LastErrorException;
    }
}
