package io.hybench.core.os;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * When the kernel received the bytes waiting on a TCP socket (Linux, {@code SO_TIMESTAMPNS}; docs/metrics.md, "Kernel
 * arrival stamps"). With the option set, the kernel stamps every packet as it reaches the host (on loopback, in the
 * sender's own write) and a {@code recvmsg} hands back the stamp of the newest packet whose bytes it took; TCP merges a
 * packet into the one queued before it and keeps the newer stamp, so the stamp is when the last of those bytes came.
 * A peek ({@code MSG_PEEK}) reads the stamp without taking the bytes: a socket is peeked right before its read, over the
 * same length, so the stamp belongs to exactly the bytes the read then takes, however late the reading thread ran.
 * With {@code MSG_TRUNC} a TCP peek only counts the bytes, copying none (tcp(7)): the read copies them once.
 */
public final class ReceiveTimestamps {
    /** {@code setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, 1)} turns the stamps on. */
    public static final int SOL_SOCKET = 1;
    /** {@code SO_TIMESTAMPNS_OLD}, a {@code struct timespec} of two longs on 64-bit Linux; also its cmsg type. */
    public static final int SO_TIMESTAMPNS = 35;
    private static final int MSG_PEEK = 0x2;
    private static final int MSG_TRUNC = 0x20;
    private static final int MSG_DONTWAIT = 0x40;
    // struct msghdr (64-bit): name 0, namelen 8, iov 16, iovlen 24, control 32, controllen 40, flags 48; size 56
    private static final int MSGHDR = 56;
    private static final int IOVEC = 16;
    /** Room past the read's buffer: a peek also learns whether bytes wait beyond what the read will take. */
    public static final int SPARE_BYTES = 64 * 1024;
    /** Named by every peek's second iovec; a truncating peek writes nothing there, so one region serves all threads. */
    private static final Memory SPARE = new Memory(SPARE_BYTES);
    private static final int CONTROL = 64;
    private static final boolean AVAILABLE = load();

    private ReceiveTimestamps() {
    }

    /** Whether stamps can be read here: 64-bit Linux with JNA's native part loaded. */
    public static boolean available() {
        return AVAILABLE;
    }

    private static boolean load() {
        if (!Platform.isLinux() || !Platform.is64Bit()) return false;
        try {
            Native.register(ReceiveTimestamps.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
            return true;
        } catch (LinkageError | IllegalArgumentException e) {
            return false; // JNA's native part could not be loaded (e.g. a temp directory mounted noexec)
        }
    }

    /** {@code msg} as an address: a {@link Pointer} argument costs a JNI field read per call. */
    private static native long recvmsg(int fd, long msg, int flags);

    /**
     * One socket's peeks: its own {@code msghdr}, so that nothing is allocated per peek, written and read through a direct
     * buffer over it (a JNA field access is a JNI call each). Its reading thread only.
     */
    public static final class Peeker {
        private static final int IOV = MSGHDR;
        private static final int CMSG = MSGHDR + 2 * IOVEC;
        private final int fd;
        private final Memory msg = new Memory(CMSG + CONTROL);
        private final long msgAddress = Pointer.nativeValue(msg);
        private final ByteBuffer fields = msg.getByteBuffer(0, CMSG + CONTROL).order(ByteOrder.nativeOrder());
        private int peekedBytes;

        /** @param fd a connected TCP socket with {@link #SO_TIMESTAMPNS} set; {@link #available()} must be true */
        public Peeker(int fd) {
            this.fd = fd;
            msg.clear();
            fields.putLong(16, msgAddress + IOV);
            fields.putLong(24, 2);
            fields.putLong(32, msgAddress + CMSG);
            fields.putLong(IOV + 16, Pointer.nativeValue(SPARE));
            fields.putLong(IOV + 24, SPARE_BYTES);
        }

        /**
         * Peeks the waiting bytes without taking or copying them: the first {@code length} as if into native memory at
         * {@code address} (where the read will put them), up to {@link #SPARE_BYTES} more beyond, so that
         * {@link #peekedBytes()} tells whether the read will leave bytes behind.
         *
         * @return the receive stamp of the newest of those bytes, in nanoseconds since the epoch (CLOCK_REALTIME), or -1
         * when no byte was waiting, the socket failed or the kernel gave no stamp
         */
        public long peek(long address, int length) {
            fields.putLong(IOV, address);
            fields.putLong(IOV + 8, length);
            fields.putLong(40, CONTROL);
            long n = recvmsg(fd, msgAddress, MSG_PEEK | MSG_TRUNC | MSG_DONTWAIT);
            peekedBytes = (int) Math.max(0, n);
            if (n <= 0) return -1;
            // the first cmsghdr: len (8), level (4), type (4), then the timespec
            if (fields.getLong(40) < 32 || fields.getInt(CMSG + 8) != SOL_SOCKET || fields.getInt(CMSG + 12) != SO_TIMESTAMPNS) return -1;
            return fields.getLong(CMSG + 16) * 1_000_000_000L + fields.getLong(CMSG + 24);
        }

        /** How many bytes the last {@link #peek} saw; 0 when it failed. */
        public int peekedBytes() {
            return peekedBytes;
        }
    }
}
