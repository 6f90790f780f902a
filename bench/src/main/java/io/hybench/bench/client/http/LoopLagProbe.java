package io.hybench.bench.client.http;

import io.hybench.core.os.CpuAffinity;
import io.hybench.core.os.SchedulerSlice;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * How late each I/O loop stamps a socket that has become readable (docs/metrics.md, "Timing uncertainty"). Every
 * loop holds one loopback connection, opened by its own transport like the responses' connections; a daemon
 * sender thread writes its {@link System#nanoTime()}, read just before the write, into each of them every
 * {@value #PERIOD_MS} ms at absolute ticks, and the loop stamps the arrival by the responses' own rule
 * ({@link ReadStamp}). Arrival stamp minus send stamp is the loop's lag ({@link StampingDelay#LOOP_LAG} and the
 * loop's {@link IoLoops.LagHistory}).
 * <p>
 * Why bytes on a socket and not a timer on the loop: an idle loop's timer wakes late by its timer's granularity
 * and slack, a readable socket wakes {@code epoll_wait} at once; only a socket waits as a response does, for a
 * loop that is busy, descheduled or paused. Why the send stamp is read just before the write and not at the
 * tick: the sender's own wake-up is late by the same timer slack. The exception is a GC pause while the sender
 * waited: the sender was stopped too, so a stamp read after it would hide the pause that any socket readable
 * during it suffered; after a collection the tick itself is sent (the moment a server's bytes would have come).
 * Why the sender leaves the cores the client was pinned to ({@link CpuAffinity#moveOffOwnCpus}): a server's bytes
 * come from another core and wake an idle loop by an interprocessor interrupt, which a virtual machine may deliver
 * milliseconds late; a send from the loop's own core wakes it as a local timer does and never sees that.
 */
final class LoopLagProbe {
    static final long PERIOD_MS = 5;
    private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(PERIOD_MS);

    private LoopLagProbe() {
    }

    /**
     * The probes of a group's loops.
     *
     * @param lag    each loop's lag history
     * @param sender the thread that writes the send stamps; it ends when every loop is shutting down or its connection closed
     */
    record Started(Map<EventExecutor, IoLoops.LagHistory> lag, Thread sender) {
    }

    /** Connects every loop of {@code loops} and starts the sender. */
    static Started start(Iterable<EventExecutor> loops, Class<? extends SocketChannel> channelType) {
        Map<EventExecutor, IoLoops.LagHistory> histories = new HashMap<>();
        List<Probed> writers = new ArrayList<>();
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            for (EventExecutor loop : loops) {
                IoLoops.LagHistory history = new IoLoops.LagHistory();
                ChannelFuture connected = new Bootstrap().group((EventLoop) loop).channel(channelType)
                        .handler(new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel ch) {
                                ch.pipeline().addLast(new Arrivals(history, IoLoops.currentBatch())); // on the loop
                            }
                        })
                        .connect(server.getLocalAddress());
                java.nio.channels.SocketChannel writer = server.accept(); // connections come one at a time: this is the loop's
                if (!connected.awaitUninterruptibly().isSuccess()) throw new IOException("I/O loop lag probe", connected.cause());
                writer.setOption(StandardSocketOptions.TCP_NODELAY, true); // 8 bytes at a time, never held back
                writers.add(new Probed(loop, writer));
                histories.put(loop, history);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the I/O loops' lag probe over loopback: " + e.getMessage(), e);
        }
        return new Started(Map.copyOf(histories), Thread.ofPlatform().daemon().name("hybench-io-probe").start(SchedulerSlice.shortened(new Sender(writers))));
    }

    /** On one loop: every send stamp that arrived, against the read's arrival stamp. */
    static final class Arrivals extends ChannelInboundHandlerAdapter {
        private final IoLoops.LagHistory history;
        private final ReadStamp stamps;
        private long sent;
        private int bytes;

        /** @param batch the loop's batch clock ({@link IoLoops#currentBatch} on the loop); null stamps when each read returns */
        Arrivals(IoLoops.LagHistory history, IoLoops.Batch batch) {
            this.history = history;
            this.stamps = new ReadStamp(batch, null); // by the loop: the probe measures the loop, for reads the kernel did not stamp
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            long stamp = stamps.take(buf.readableBytes());
            try {
                while (buf.isReadable()) { // a stream: a read may carry several stamps, or part of one
                    sent = sent << 8 | buf.readByte() & 0xff;
                    if (++bytes < Long.BYTES) continue;
                    long lag = Math.max(0, stamp - sent);
                    StampingDelay.record(StampingDelay.LOOP_LAG, lag);
                    history.add(stamp, lag);
                    sent = 0;
                    bytes = 0;
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }
    }

    /** One loop and the writing end of its probe connection. */
    private record Probed(EventExecutor loop, java.nio.channels.SocketChannel writer) {
    }

    /**
     * Writes the send stamps at absolute ticks, one loop after the other, until every loop is shutting down or its
     * connection has closed (a loop that ends without closing its channels would otherwise be written to for good).
     */
    private record Sender(List<Probed> writers) implements Runnable {
        @Override
        public void run() {
            CpuAffinity.moveOffOwnCpus(); // its bytes then wake the loops as a server's do (docs/metrics.md)
            ByteBuffer out = ByteBuffer.allocate(Long.BYTES);
            List<Probed> open = new ArrayList<>(writers);
            long due = System.nanoTime() + PERIOD_NANOS;
            long collections = GcCount.total();
            while (!open.isEmpty()) {
                for (long wait; (wait = due - System.nanoTime()) > 0; ) LockSupport.parkNanos(wait);
                long c = GcCount.total();
                boolean collected = c != collections;
                collections = c;
                for (int i = 0; i < open.size(); i++) {
                    Probed p = open.get(i);
                    long now = System.nanoTime();
                    out.clear().putLong(collected ? Math.min(due, now) : now).flip();
                    try {
                        if (p.loop().isShuttingDown()) throw new IOException("loop shutting down");
                        while (out.hasRemaining()) p.writer().write(out);
                    } catch (IOException e) { // closed: that loop goes unprobed, the others go on
                        closeQuietly(p.writer());
                        open.remove(i--);
                    }
                }
                // after a long stall the next tick is the first one still ahead: one stall, one late send
                long late = Math.max(0, System.nanoTime() - due);
                due += PERIOD_NANOS * (1 + late / PERIOD_NANOS);
            }
        }

        private static void closeQuietly(java.nio.channels.SocketChannel writer) {
            try {
                writer.close();
            } catch (IOException ignored) {
                // already broken: nothing to release
            }
        }
    }
}
