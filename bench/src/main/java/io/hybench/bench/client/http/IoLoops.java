package io.hybench.bench.client.http;

import io.hybench.core.os.SchedulerSlice;
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

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

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

    /**
     * The largest lag of {@code loop}'s probe among its sends in flight at {@code nanoTime} ({@link System#nanoTime()}):
     * sent at or before it, stamped at or after it. Those waited through whatever held the loop then; 0 when none did or
     * the loop has no probe. Where the moment lies before the arrivals kept one by one, the largest since it stands in
     * (errs on the safe side).
     */
    static long lagAcross(EventExecutor loop, long nanoTime) {
        LagHistory history = LAG.get(loop);
        return history == null ? 0 : history.maxAcross(nanoTime);
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
         * the current batch began ({@link IoLoops#readyWaitNanos(long, long, long)}). A probe ticking evenly in time rarely
         * lands in such a wait; the sockets of a burst do, so this is read per socket read.
         */
        long readyWaitNanos();
    }

    /**
     * A readiness wait that outlasted its thread's run-queue wait and CPU time in it by this much slept: nothing was
     * ready when it began.
     */
    static final long SLEPT_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    /**
     * How long bytes that made a socket ready since the loop's previous look may have waited before the batch began
     * (docs/metrics.md, "Timing uncertainty"). A wait that slept found nothing ready when it began: the batch's bytes all
     * came during it and waited from the wake-up on, which is the thread's wait, runnable, for a CPU during the wait
     * ({@link RunQueueWait}: another thread held its core). A wait that did not sleep found bytes ready that may have come
     * right after the previous look: they waited out the busy spell (handling sockets, running tasks, paused,
     * preempted) and the wait itself. A wait slept when it lasted longer than the thread's run-queue wait and its CPU
     * time in it together, by {@link #SLEPT_NANOS}, and no garbage collection ran during it: a wait that found bytes
     * ready may still take tens of microseconds in system calls on a virtual machine, and a thread woken by bytes
     * that meets a collection on its way back from the kernel is held, neither runnable nor running, for the pause
     * (2026-12-03, development VM: a preempted wait 71 µs longer than its run-queue wait, and a 45.8 ms wait across a
     * collection, both taken for asleep while their bytes were 6.4 and 29 ms old).
     *
     * @param busyNanos           from the previous look to entering this wait
     * @param waitNanos           from entering the wait to its return
     * @param runQueueInWaitNanos the thread's run-queue wait during the wait; -1 where the kernel does not say (then the
     *                            wake-up is left to the lag probe and only the busy spell counts)
     * @param cpuInWaitNanos      the thread's CPU time during the wait; -1 where the JVM does not say (then none)
     * @param collected           whether a garbage collection ran during the wait
     */
    static long readyWaitNanos(long busyNanos, long waitNanos, long runQueueInWaitNanos, long cpuInWaitNanos, boolean collected) {
        if (runQueueInWaitNanos < 0) return busyNanos;
        boolean slept = !collected && waitNanos - runQueueInWaitNanos - Math.max(0, cpuInWaitNanos) > SLEPT_NANOS;
        return slept ? runQueueInWaitNanos : busyNanos + waitNanos;
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** The calling thread's CPU time ({@code CLOCK_THREAD_CPUTIME_ID} on Linux); -1 where the JVM does not measure it. */
    private static long threadCpuNanos() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
    }

    /**
     * When the readiness wait that just returned looked for ready sockets, at the earliest (docs/metrics.md, "Timing
     * uncertainty"): the kernel collects them once the woken thread runs, and the thread reaches the batch's start after
     * that by its CPU time, or later if a garbage collection held it on its way back from the kernel. Bytes that came
     * after the look are not in this batch: they wait for the next one, and its busy spell counts from here. So the look
     * is the start less the wait's run-queue wait and CPU time, or the wait's entry when a collection ran during it, and
     * never before the entry (2026-12-03, device: a 57 ms wait across a metadata collection, whose bytes came during
     * the pause and were read in the next batch 46 ms late, with a busy spell counted from the end of the pause).
     */
    static long lookNanoTime(long enteredNanos, long startNanos, long runQueueInWaitNanos, long cpuInWaitNanos, boolean collected) {
        if (collected) return enteredNanos;
        long look = startNanos - Math.max(0, runQueueInWaitNanos) - Math.max(0, cpuInWaitNanos);
        return Math.max(enteredNanos, look);
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
        /** The last reading of the thread's run-queue wait (-1: none yet), CPU time and the collections, and when. */
        private long runQueueBaseNanos = -1;
        private long cpuBaseNanos;
        private long collectionsBase;
        private long runQueueBaseAt;
        /** The thread's CPU time during the wait just returned, and whether a collection ran in it ({@link #runQueueInWait}). */
        private long cpuInWaitNanos;
        private boolean collectedInWait;

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
            // woken by a readable socket, the loop preempts the thread on its core instead of waiting out that one's slice
            SchedulerSlice.shortenForCurrentThread();
            runQueue = RunQueueWait.openForCurrentThread();
            delegate.initialize();
        }

        @Override
        public int run(IoHandlerContext context) {
            if (outer == null) CURRENT.set(this);
            outer = context;
            long now = System.nanoTime();
            // Only a wait that may block needs its start's reading; one under 50 µs old is close enough (on the safe side)
            if (runQueue != null && context.canBlock() && (runQueueBaseNanos < 0 || now - runQueueBaseAt > SLEPT_NANOS)) {
                runQueueBaseNanos = runQueue.totalNanos();
                cpuBaseNanos = threadCpuNanos();
                collectionsBase = GcCount.total();
                runQueueBaseAt = now;
                now = System.nanoTime(); // the readings belong to the busy spell, not to the wait
            }
            enteredNanos = now;
            lookedWithEvents = false;
            int handled = delegate.run(this);
            // a wait that returned nothing was a look all the same: what was ready by then would have been reported; a
            // collection on its way back held the thread after the look, so then the look may be as old as its entry
            if (!lookedWithEvents) {
                long returned = System.nanoTime();
                lastLookNanos = runQueue != null && returned - enteredNanos > SLEPT_NANOS && GcCount.total() != collectionsBase
                        ? enteredNanos : returned;
            }
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
            long waitNanos = startNanoTime - enteredNanos;
            long runQueueInWait = runQueueInWait(waitNanos);
            readyWaitNanos = IoLoops.readyWaitNanos(Math.max(0, enteredNanos - lastLookNanos), waitNanos, runQueueInWait,
                    cpuInWaitNanos, collectedInWait);
            lastLookNanos = IoLoops.lookNanoTime(enteredNanos, startNanoTime, runQueueInWait, cpuInWaitNanos, collectedInWait);
            lookedWithEvents = true;
            number++;
            handling = true;
            return true;
        }

        /**
         * The run-queue wait during the wait just returned, for {@link IoLoops#readyWaitNanos}, with the thread's CPU
         * time in it ({@link #cpuInWaitNanos}) and whether a collection ran ({@link #collectedInWait}). A wait of at most
         * 50 µs cannot have slept longer, whatever it waited for a CPU, so none is read then (0 gives the same answer).
         * Read from an older reading than the wait's start (up to 50 µs, or any age before a wait that could not block)
         * each holds more than the wait's own: on the safe side, as more run-queue wait, more CPU time or a collection
         * never makes a wait look asleep.
         */
        private long runQueueInWait(long waitNanos) {
            cpuInWaitNanos = -1;
            collectedInWait = false;
            if (runQueue == null || runQueueBaseNanos < 0) return -1;
            if (waitNanos <= SLEPT_NANOS) return 0;
            long total = runQueue.totalNanos();
            if (total < 0) return -1;
            long inWait = Math.max(0, total - runQueueBaseNanos);
            long cpu = threadCpuNanos();
            if (cpu >= 0 && cpuBaseNanos >= 0) cpuInWaitNanos = cpu - cpuBaseNanos;
            long collections = GcCount.total();
            collectedInWait = collections != collectionsBase;
            runQueueBaseNanos = total;
            cpuBaseNanos = cpu;
            collectionsBase = collections;
            runQueueBaseAt = startNanoTime;
            return inWait;
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
     * (and largest) entry when full. The latest {@value #RECENT} arrivals (about 20 s of 5 ms ticks) are also kept one by
     * one, in arrival order, for the largest among the sends in flight at a moment ({@link #maxAcross}).
     */
    static final class LagHistory {
        private static final int CAPACITY = 1024;
        static final int RECENT = 4096;
        private final long[] atNanoTime = new long[CAPACITY];
        private final long[] lagNanos = new long[CAPACITY];
        private int head;
        private int size;
        private final long[] recentAtNanoTime = new long[RECENT];
        private final long[] recentLagNanos = new long[RECENT];
        private long added;

        synchronized void add(long at, long lag) {
            int slot = (int) (added++ % RECENT);
            recentAtNanoTime[slot] = at;
            recentLagNanos[slot] = lag;
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

        /**
         * Arrivals are stamped in order on their loop and their sends go out in order, so the kept ones are sorted by both:
         * the first arrival at or after the moment is found by halving, and the sends in flight at it are the arrivals from
         * there on until one sent after it.
         */
        synchronized long maxAcross(long nanoTime) {
            int kept = (int) Math.min(added, RECENT);
            long oldest = added - kept;
            if (added > RECENT && recentAtNanoTime[(int) (oldest % RECENT)] - nanoTime > 0) return maxSince(nanoTime);
            long lo = oldest;
            long hi = added;
            while (lo < hi) {
                long mid = (lo + hi) >>> 1;
                if (recentAtNanoTime[(int) (mid % RECENT)] - nanoTime < 0) lo = mid + 1;
                else hi = mid;
            }
            long max = 0;
            for (long i = lo; i < added; i++) {
                int slot = (int) (i % RECENT);
                if (recentAtNanoTime[slot] - recentLagNanos[slot] - nanoTime > 0) break; // sent after the moment
                max = Math.max(max, recentLagNanos[slot]);
            }
            return max;
        }

        private int index(int i) {
            return (head + i) % CAPACITY;
        }
    }
}
