package io.hybench.core.os;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

import java.util.BitSet;

/**
 * The CPUs a thread may run on ({@code sched_getaffinity}/{@code sched_setaffinity}, Linux). A thread that must reach
 * another one the way a server's bytes do, across cores, moves off the cores its process was pinned to: a wake-up sent
 * from the same core lands as a local one, while a server's write on another core wakes an idle core by an
 * interprocessor interrupt, which a virtual machine may deliver milliseconds late (2026-12-03, the 2-core development
 * VM: the client's I/O thread woken by the emulator 2.1–3.9 ms before its core ran it, left idle until a local timer
 * fired). No privilege is needed; the kernel keeps the thread within its cgroup's cpuset.
 */
public final class CpuAffinity {
    /** Bits in the masks passed to the kernel: 1,024 CPUs, glibc's {@code cpu_set_t}. */
    private static final int MASK_BITS = 1024;

    private CpuAffinity() {
    }

    /**
     * Moves the calling thread off the CPUs it may run on now, onto any other one it is allowed; leaves it where it is
     * when there is none (a process free to run anywhere, or a cpuset as narrow as its pinning) or off Linux.
     *
     * @return the CPUs it may run on now, or null where it stayed
     */
    public static BitSet moveOffOwnCpus() {
        LibC libc = LibC.load();
        if (libc == null) return null;
        byte[] mask = new byte[MASK_BITS / 8];
        try {
            libc.sched_getaffinity(0, mask.length, mask);
            BitSet own = BitSet.valueOf(mask);
            BitSet others = new BitSet(MASK_BITS);
            others.set(0, MASK_BITS);
            others.andNot(own);
            if (others.isEmpty()) return null;
            libc.sched_setaffinity(0, mask.length, toMask(others));
            libc.sched_getaffinity(0, mask.length, mask);
            return BitSet.valueOf(mask);
        } catch (LastErrorException e) {
            return null; // EINVAL: no other CPU online or in the cpuset
        }
    }

    private static byte[] toMask(BitSet cpus) {
        byte[] mask = new byte[MASK_BITS / 8];
        byte[] set = cpus.toByteArray();
        System.arraycopy(set, 0, mask, 0, Math.min(set.length, mask.length));
        return mask;
    }

    private interface LibC extends Library {
        int sched_getaffinity(int pid, long size, byte[] mask) throws LastErrorException;

        int sched_setaffinity(int pid, long size, byte[] mask) throws LastErrorException;

        static LibC load() {
            if (!Platform.isLinux()) return null;
            try {
                return Native.load(Platform.C_LIBRARY_NAME, LibC.class);
            } catch (LinkageError e) {
                return null; // JNA's native part could not be loaded (e.g. a temp directory mounted noexec)
            }
        }
    }
}
