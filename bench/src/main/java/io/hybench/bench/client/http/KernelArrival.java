package io.hybench.bench.client.http;

import io.hybench.core.os.ReceiveTimestamps;
import io.hybench.core.os.WallToNanoTime;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
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
 * and io_uring reads are queued before their bytes come). Opt-in, {@code -Dhybench.kernelStamps=on}, until its timing
 * uncertainty is shown to flag exactly the mistimed steps (docs/performance.md, "Kernel arrival stamps").
 */
final class KernelArrival {
    static final String PROPERTY = "hybench.kernelStamps";
    private static final IntegerUnixChannelOption TIMESTAMPS =
            new IntegerUnixChannelOption("SO_TIMESTAMPNS", ReceiveTimestamps.SOL_SOCKET, ReceiveTimestamps.SO_TIMESTAMPNS);

    private final ReceiveTimestamps.Peeker peeker;
    private long wallNanos = -1;
    private int peekedBytes;
    private boolean drained;

    private KernelArrival(ReceiveTimestamps.Peeker peeker) {
        this.peeker = peeker;
    }

    /** Whether connections get kernel stamps: asked for ({@value #PROPERTY}{@code =on}) and given by the kernel. */
    static boolean enabled() {
        return "on".equalsIgnoreCase(System.getProperty(PROPERTY, "").strip()) && ReceiveTimestamps.available();
    }

    /**
     * Turns the stamps on for {@code ch} (before its first read: in its initializer) and peeks before each read; null
     * where it cannot ({@link #enabled()} false, another transport, or the option refused), and the loop stamps reads.
     */
    static KernelArrival install(SocketChannel ch) {
        if (!(ch instanceof EpollSocketChannel epoll) || !enabled()) return null;
        if (!ch.config().setOption(TIMESTAMPS, 1)) return null;
        KernelArrival arrival = new KernelArrival(new ReceiveTimestamps.Peeker(epoll.fd().intValue()));
        ch.config().setRecvByteBufAllocator(arrival.new Peeking(ch.config().getRecvByteBufAllocator()));
        return arrival;
    }

    /**
     * For a read of {@code bytes} that returned just now: when its last byte reached the host, as a {@link System#nanoTime}
     * reading; -1 when the peek before it saw other bytes (more came in between) or no stamp.
     */
    long nanoTimeOfRead(int bytes) {
        long wall = wallNanos;
        wallNanos = -1;
        return wall < 0 || bytes != peekedBytes ? -1 : WallToNanoTime.nanoTime(wall);
    }

    /** Whether the last peek saw fewer bytes than the read's buffer holds: nothing was left waiting behind them. */
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
                wallNanos = peeker.peek(buf.memoryAddress() + buf.writerIndex(), buf.writableBytes());
                peekedBytes = peeker.peekedBytes();
                drained = peekedBytes < buf.writableBytes();
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
