package io.hybench.bench.client.http;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandle;
import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerContext;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.IoRegistration;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The process's client I/O threads: one Netty event-loop group shared by every client, on the transport
 * {@link IoTransport} chooses ({@code -Dhybench.transport}). Threads are daemons and live as long as the process, as
 * the JDK client's selector thread did. Each loop measures its own stamping delay ({@link StampingDelay}).
 * {@code -Dhybench.ioThreads=N} sets the number of loops (default: one per core).
 */
final class IoLoops {
    private static final ThreadLocal<StampingIoHandler> CURRENT = new ThreadLocal<>();
    private static IoLoops shared;
    /** Each loop's lag as its probe measured it ({@link LoopLagProbe}), fixed once the group is built. */
    private static final Map<EventExecutor, LagHistory> LAG = new ConcurrentHashMap<>();

    final EventLoopGroup group;
    final Class<? extends SocketChannel> channelType;

    private IoLoops(int threads, IoTransport transport) {
        IoHandlerFactory io = transport.newFactory();
        this.channelType = transport.channelType;
        this.group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("hybench-io", true),
                executor -> new StampingIoHandler(io.newHandler(executor)));
        LAG.putAll(LoopLagProbe.start(group, channelType).lag());
    }

    static synchronized IoLoops shared() {
        if (shared == null) {
            shared = new IoLoops(Integer.getInteger("hybench.ioThreads", Runtime.getRuntime().availableProcessors()),
                    IoTransport.choose(System.getProperty(IoTransport.PROPERTY)));
        }
        return shared;
    }

    /**
     * The largest lag of {@code loop}'s probe among its sends stamped at or after {@code sinceNanoTime}
     * ({@link System#nanoTime()}); 0 when none came late or the loop has no probe.
     */
    static long lagSince(EventExecutor loop, long sinceNanoTime) {
        LagHistory history = LAG.get(loop);
        return history == null ? 0 : history.maxSince(sinceNanoTime);
    }

    /** The calling I/O thread's batch clock; null on any other thread. */
    static Batch currentBatch() {
        return CURRENT.get();
    }

    /**
     * When the I/O thread's current batch of ready sockets began. Netty asks its context whether to report
     * the active I/O time right after the readiness wait ({@code epoll_wait}, {@code select}, io_uring's
     * {@code io_uring_enter}) returns, just before it reads the clock and handles the ready sockets (or, with
     * io_uring, the completed reads); answering yes and reading the clock there gives the moment the loop
     * learned which sockets were readable. Netty 4.2.18: EpollIoHandler.run, NioIoHandler.run, and
     * IoUringIoHandler.run line 184 (after submitAndWaitWithTimeout at line 177). io_uring's handler goes on
     * taking completions that arrive while it handles the batch (processCompletionsAndHandleOverflow, up to
     * 128 rounds); those are stamped at the batch's start too, and their in-batch delay says by how much at
     * most. Read on the loop's own thread only.
     */
    interface Batch {
        /** Whether the loop is handling ready sockets now (not running tasks or timers). */
        boolean handlingReadySockets();

        /** {@link System#nanoTime()} when the current batch's readiness wait returned. */
        long startNanoTime();

        /** Counts batches, so a socket can tell its first read of a batch from later ones. */
        long number();

        /**
         * How long bytes that made a socket ready since the loop's previous look for readiness may have waited before
         * the current batch began: the loop's busy spell between that look and the wait that returned this batch
         * (handling sockets, running tasks, paused), plus the time its thread then waited, runnable, for a CPU
         * ({@link RunQueueWait}: woken by the socket while another thread held its core). A probe ticking evenly in
         * time rarely lands in either; the sockets of a burst do, so this is read per socket read.
         */
        long readyWaitNanos();
    }

    /** Wraps the transport's own handler to date each batch of ready sockets ({@link Batch}). */
    private static final class StampingIoHandler implements IoHandler, IoHandlerContext, Batch {
        private final IoHandler delegate;
        private IoHandlerContext outer;
        private long startNanoTime;
        private long number;
        private boolean handling;
        private long enteredNanos;
        private long lastLookNanos = System.nanoTime();
        private long readyWaitNanos;
        private boolean lookedWithEvents;
        private RunQueueWait runQueue;
        private long runQueueNanos;

        StampingIoHandler(IoHandler delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean handlingReadySockets() {
            return handling;
        }

        @Override
        public long startNanoTime() {
            return startNanoTime;
        }

        @Override
        public long number() {
            return number;
        }

        @Override
        public long readyWaitNanos() {
            return readyWaitNanos;
        }

        @Override
        public void initialize() {
            CURRENT.set(this);
            runQueue = RunQueueWait.openForCurrentThread();
            if (runQueue != null) runQueueNanos = runQueue.totalNanos();
            delegate.initialize();
        }

        @Override
        public int run(IoHandlerContext context) {
            if (outer == null) CURRENT.set(this);
            outer = context;
            enteredNanos = System.nanoTime();
            lookedWithEvents = false;
            int handled = delegate.run(this);
            // a wait that returned nothing was a look all the same: what was ready by then would have been reported
            if (!lookedWithEvents) lastLookNanos = System.nanoTime();
            return handled;
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

        /** Netty asks this right after its readiness wait returned, before it handles the ready sockets. */
        @Override
        public boolean shouldReportActiveIoTime() {
            startNanoTime = System.nanoTime();
            readyWaitNanos = Math.max(0, enteredNanos - lastLookNanos) + runQueueWaitSinceLastBatch();
            lastLookNanos = startNanoTime;
            lookedWithEvents = true;
            number++;
            handling = true;
            return true;
        }

        /**
         * The run-queue wait since the previous batch began. It also holds any wait for a CPU during the busy spell, which
         * that spell's length already holds: counted twice, on the safe side, for one read per batch instead of two.
         */
        private long runQueueWaitSinceLastBatch() {
            if (runQueue == null) return 0;
            long total = runQueue.totalNanos();
            if (total < 0) return 0;
            long waited = Math.max(0, total - runQueueNanos);
            runQueueNanos = total;
            return waited;
        }

        /** ... and reports this when it is done with them. */
        @Override
        public void reportActiveIoTime(long activeNanos) {
            handling = false;
            if (outer.shouldReportActiveIoTime()) outer.reportActiveIoTime(activeNanos);
        }

        @Override
        public void prepareToDestroy() {
            delegate.prepareToDestroy();
        }

        @Override
        public void destroy() {
            delegate.destroy();
            if (runQueue != null) runQueue.close();
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

    /**
     * One loop's probe lag by arrival, kept so that the largest since any moment is one look-up: a queue of arrivals in
     * time order whose lag falls strictly along it (an arrival drops every earlier one that was no later than it, which
     * can never again be a largest-since). Random lag keeps it a few entries long; it is bounded, dropping its oldest
     * (and largest) entry when full.
     */
    static final class LagHistory {
        private static final int CAPACITY = 1024;
        private final long[] atNanoTime = new long[CAPACITY];
        private final long[] lagNanos = new long[CAPACITY];
        private int head;
        private int size;

        synchronized void add(long at, long lag) {
            while (size > 0 && lagNanos[index(size - 1)] <= lag) size--;
            if (size == CAPACITY) {
                head = (head + 1) % CAPACITY;
                size--;
            }
            atNanoTime[index(size)] = at;
            lagNanos[index(size)] = lag;
            size++;
        }

        synchronized long maxSince(long sinceNanoTime) {
            for (int i = 0; i < size; i++) {
                if (atNanoTime[index(i)] - sinceNanoTime >= 0) return lagNanos[index(i)];
            }
            return 0;
        }

        private int index(int i) {
            return (head + i) % CAPACITY;
        }
    }
}
