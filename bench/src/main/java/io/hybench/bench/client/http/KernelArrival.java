package io.hybench.bench.client.http;

import io.hybench.core.os.ReceiveTimestamps;
import io.hybench.core.os.WallToNanoTime;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.ChannelConfig;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.unix.IntegerUnixChannelOption;
import io.netty.util.UncheckedBooleanSupplier;

/**
 * One connection's kernel arrival stamps (docs/metrics.md, "Kernel arrival stamps"): the kernel stamps every packet as
 * it reaches the host, and the socket is peeked for that stamp right before each of Netty's reads, over the length the
 * read will take ({@link ReceiveTimestamps}). A read's bytes then carry when they came, not when the loop got round to
 * them: a loop that is busy, descheduled, paused by a collection or woken late by its idle core no longer moves the
 * stamp. Linux with Netty's epoll transport and plain TCP only (TLS reads are stamped before decryption by the loop,
 * and io_uring reads are queued before their bytes come); {@code -Dhybench.kernelStamps=off} turns it off, and the
 * loop stamps every read as before.
 */
final class KernelArrival {
    static final String PROPERTY = "hybench.kernelStamps";
    private static final IntegerUnixChannelOption TIMESTAMPS =
            new IntegerUnixChannelOption("SO_TIMESTAMPNS", ReceiveTimestamps.SOL_SOCKET, ReceiveTimestamps.SO_TIMESTAMPNS);

    /**
     * Reads of at least 4 KiB: Netty's adaptive buffer shrinks to the size of recent reads (about 256 bytes for a token's
     * chunk), and a chunk a few bytes longer is then split, so the frame that completes in the first part is followed by
     * waiting bytes and cannot take the stamp as its own. Pooled buffers are handed back after each read: a larger one
     * holds no memory.
     */
    private static final int MIN_READ_BYTES = 4096;
    private static final int MAX_READ_BYTES = 65536;

    private final ReceiveTimestamps.Peeker peeker;
    private long wallNanos = -1;
    private long peekedAt;
    private int peekedBytes;
    private boolean drained;
    private int readLength;

    private KernelArrival(ReceiveTimestamps.Peeker peeker) {
        this.peeker = peeker;
    }

    /** Whether connections get kernel stamps: the kernel gives them and {@value #PROPERTY} is not {@code off}. */
    static boolean enabled() {
        return !"off".equalsIgnoreCase(System.getProperty(PROPERTY, "").strip()) && ReceiveTimestamps.available();
    }

    /**
     * Turns the stamps on for {@code ch} (before its first read: in its initializer) and peeks before each read; null
     * where it cannot ({@link #enabled()} false, another transport, or the option refused), and the loop stamps reads.
     */
    static KernelArrival install(SocketChannel ch) {
        if (!(ch instanceof EpollSocketChannel epoll) || !enabled()) return null;
        if (!ch.config().setOption(TIMESTAMPS, 1)) return null;
        KernelArrival arrival = new KernelArrival(new ReceiveTimestamps.Peeker(epoll.fd().intValue()));
        ch.config().setRecvByteBufAllocator(arrival.new Peeking(new AdaptiveRecvByteBufAllocator(MIN_READ_BYTES, MIN_READ_BYTES, MAX_READ_BYTES)));
        return arrival;
    }

    /**
     * For a read of {@code bytes} that returned just now: when its last byte reached the host, as a {@link System#nanoTime}
     * reading; -1 when the read took other bytes than the peek saw (more came in between), no stamp, or a stamp from while the
     * peek ran (which may be a later packet's).
     */
    long nanoTimeOfRead(int bytes) {
        long wall = wallNanos;
        wallNanos = -1;
        if (wall < 0 || bytes != Math.min(peekedBytes, readLength)) return -1;
        long arrived = WallToNanoTime.nanoTime(wall);
        // bytes that came while the peek ran can lend the stamp of their packet, merged into the one being peeked, to
        // bytes that came long before (2026-12-04, development VM: token 0 stamped at token 1's arrival, 20 ms late)
        return arrived < peekedAt ? arrived : -1;
    }

    /** Whether the last peek saw no more bytes than the read's buffer holds: the read leaves nothing waiting. */
    boolean drained() {
        return drained;
    }

    /** The channel's own allocator, with a peek after each buffer it hands out for a read. */
    private final class Peeking implements RecvByteBufAllocator {
        private final RecvByteBufAllocator inner;

        Peeking(RecvByteBufAllocator inner) {
            this.inner = inner;
        }

        @Override
        public Handle newHandle() {
            return new PeekingHandle((ExtendedHandle) inner.newHandle());
        }
    }

    /** Netty asks for the buffer right before it reads into it: the peek fills the same bytes the read then takes. */
    @SuppressWarnings("deprecation") // Handle's methods, deprecated for ExtendedHandle, which Netty's epoll read still calls
    private final class PeekingHandle implements RecvByteBufAllocator.ExtendedHandle {
        private final RecvByteBufAllocator.ExtendedHandle inner;

        PeekingHandle(RecvByteBufAllocator.ExtendedHandle inner) {
            this.inner = inner;
        }

        @Override
        public ByteBuf allocate(ByteBufAllocator alloc) {
            ByteBuf buf = inner.allocate(alloc);
            if (buf.hasMemoryAddress()) {
                peekedAt = System.nanoTime();
                wallNanos = peeker.peek(buf.memoryAddress() + buf.writerIndex(), buf.writableBytes());
                peekedBytes = peeker.peekedBytes();
                readLength = buf.writableBytes();
                drained = peekedBytes <= readLength;
            } else {
                wallNanos = -1;
            }
            return buf;
        }

        @Override
        public int guess() {
            return inner.guess();
        }

        @Override
        public void reset(ChannelConfig config) {
            inner.reset(config);
        }

        @Override
        public void incMessagesRead(int numMessages) {
            inner.incMessagesRead(numMessages);
        }

        @Override
        public void lastBytesRead(int bytes) {
            inner.lastBytesRead(bytes);
        }

        @Override
        public int lastBytesRead() {
            return inner.lastBytesRead();
        }

        @Override
        public void attemptedBytesRead(int bytes) {
            inner.attemptedBytesRead(bytes);
        }

        @Override
        public int attemptedBytesRead() {
            return inner.attemptedBytesRead();
        }

        @Override
        public boolean continueReading() {
            return inner.continueReading();
        }

        @Override
        public boolean continueReading(UncheckedBooleanSupplier maybeMoreDataSupplier) {
            return inner.continueReading(maybeMoreDataSupplier);
        }

        @Override
        public void readComplete() {
            inner.readComplete();
        }
    }
}
