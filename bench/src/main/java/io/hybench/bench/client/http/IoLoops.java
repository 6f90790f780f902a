package io.hybench.bench.client.http;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandle;
import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerContext;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.IoRegistration;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The process's client I/O threads: one Netty event-loop group shared by every client, native epoll
 * where the platform has it, NIO elsewhere. Threads are daemons and live as long as the process, as
 * the JDK client's selector thread did. Each loop measures its own stamping delay ({@link StampingDelay}).
 * {@code -Dhybench.ioThreads=N} sets the number of loops (default: one per core).
 */
final class IoLoops {
    private static final long PROBE_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final ThreadLocal<StampingIoHandler> CURRENT = new ThreadLocal<>();
    private static IoLoops shared;

    final EventLoopGroup group;
    final Class<? extends SocketChannel> channelType;

    private IoLoops(int threads) {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.channelType = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
        this.group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("hybench-io", true),
                executor -> new StampingIoHandler(io.newHandler(executor)));
        for (EventExecutor loop : group) new LagProbe((EventLoop) loop).start();
    }

    static synchronized IoLoops shared() {
        if (shared == null) {
            shared = new IoLoops(Integer.getInteger("hybench.ioThreads", Runtime.getRuntime().availableProcessors()));
        }
        return shared;
    }

    /** Called on an I/O thread for each socket read, with its stamp, so the batch's end can date it. */
    static void noteRead(long nanoTime) {
        StampingIoHandler h = CURRENT.get();
        if (h != null) h.note(nanoTime);
    }

    /**
     * Wraps the transport's own handler to learn when each batch of ready sockets began: asking for the
     * active I/O time makes Netty read the clock right after the readiness wait returns and report the
     * batch's length at its end, so start = end − length.
     */
    private static final class StampingIoHandler implements IoHandler, IoHandlerContext {
        private final IoHandler delegate;
        private IoHandlerContext outer;
        private long[] stamps = new long[64];
        private int count;

        StampingIoHandler(IoHandler delegate) {
            this.delegate = delegate;
        }

        void note(long nanoTime) {
            if (count == stamps.length) stamps = Arrays.copyOf(stamps, count * 2);
            stamps[count++] = nanoTime;
        }

        @Override
        public void initialize() {
            CURRENT.set(this);
            delegate.initialize();
        }

        @Override
        public int run(IoHandlerContext context) {
            if (outer == null) CURRENT.set(this);
            outer = context;
            return delegate.run(this);
        }

        @Override
        public boolean canBlock() {
            return outer.canBlock();
        }

        @Override
        public long delayNanos(long currentTimeNanos) {
            return outer.delayNanos(currentTimeNanos);
        }

        @Override
        public long deadlineNanos() {
            return outer.deadlineNanos();
        }

        @Override
        public boolean shouldReportActiveIoTime() {
            return true;
        }

        @Override
        public void reportActiveIoTime(long activeNanos) {
            long start = System.nanoTime() - activeNanos;
            for (int i = 0; i < count; i++) StampingDelay.record(StampingDelay.IN_BATCH, stamps[i] - start);
            count = 0;
            if (outer.shouldReportActiveIoTime()) outer.reportActiveIoTime(activeNanos);
        }

        @Override
        public void prepareToDestroy() {
            delegate.prepareToDestroy();
        }

        @Override
        public void destroy() {
            delegate.destroy();
        }

        @Override
        public IoRegistration register(IoHandle handle) throws Exception {
            return delegate.register(handle);
        }

        @Override
        public void wakeup() {
            delegate.wakeup();
        }

        @Override
        public boolean isCompatible(Class<? extends IoHandle> handleType) {
            return delegate.isCompatible(handleType);
        }
    }

    /** A timer on one loop at absolute ticks, recording how late each tick ran. */
    private static final class LagProbe implements Runnable {
        private final EventLoop loop;
        private long due;

        LagProbe(EventLoop loop) {
            this.loop = loop;
        }

        void start() {
            due = System.nanoTime() + PROBE_PERIOD_NANOS;
            loop.schedule(this, PROBE_PERIOD_NANOS, TimeUnit.NANOSECONDS);
        }

        @Override
        public void run() {
            long late = System.nanoTime() - due;
            StampingDelay.record(StampingDelay.LOOP_LAG, late);
            // after a long stall the next tick is the first one still ahead: one stall, one late tick
            due += PROBE_PERIOD_NANOS * (1 + Math.max(0, late) / PROBE_PERIOD_NANOS);
            loop.schedule(this, Math.max(0, due - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }
}
