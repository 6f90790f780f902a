package io.hybench.bench.client.http;

import io.hybench.core.os.ReceiveTimestamps;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelArrivalTest {
    /** Room for the wall-to-monotonic mapping (sub-microsecond when measured) on a busy machine. */
    private static final long SLOP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** A read's stamp and whether the kernel gave it, and whether the read took every waiting byte. */
    private record Read(long nanoTime, boolean kernel, boolean drained, int bytes) {
    }

    /** The writer's clock readings around one write. */
    private record Write(long before, long after) {
    }

    /**
     * Bytes written while the client's loop is held busy for 200 ms are stamped when the write put them on the
     * connection, not when the loop read them: the stamp lies between the writer's clock readings around its write.
     */
    @Test
    void aReadIsStampedWhenItsBytesCameNotWhenTheLoopGotToThem() throws Exception {
        List<Write> writes = new ArrayList<>();
        Read r = readWhileBusy(writes, "data: 1\n\n");
        assertAll(
                () -> assertTrue(r.kernel(), "the kernel's stamp"),
                () -> assertTrue(r.drained(), "took every waiting byte"),
                () -> assertEquals(9, r.bytes()),
                () -> assertTrue(r.nanoTime() >= writes.get(0).before() - SLOP_NANOS, "stamp " + (r.nanoTime() - writes.get(0).before()) + " ns after the write began"),
                () -> assertTrue(r.nanoTime() <= writes.get(0).after() + SLOP_NANOS, "stamp " + (r.nanoTime() - writes.get(0).after()) + " ns after the write returned"));
    }

    /**
     * Two writes 30 ms apart, both waiting when the loop reads: one read, stamped with the second write's time, the
     * merge that makes a read's earlier frames uncertain back to the connection's previous read (ResponseHandler).
     */
    @Test
    void bytesThatWaitedTakeTheStampOfTheLastThatJoinedThem() throws Exception {
        List<Write> writes = new ArrayList<>();
        Read r = readWhileBusy(writes, "data: 1\n\n", "data: 2\n\n");
        assertAll(
                () -> assertTrue(r.kernel(), "the kernel's stamp"),
                () -> assertEquals(18, r.bytes(), "one read took both"),
                () -> assertTrue(r.nanoTime() >= writes.get(1).before() - SLOP_NANOS, "stamp " + (writes.get(1).before() - r.nanoTime()) + " ns before the second write"),
                () -> assertTrue(r.nanoTime() <= writes.get(1).after() + SLOP_NANOS));
    }

    /** Writes {@code parts} 30 ms apart while the client's loop spins, then returns the loop's first read after it. */
    private static Read readWhileBusy(List<Write> writes, String... parts) throws Exception {
        Assumptions.assumeTrue(Epoll.isAvailable() && ReceiveTimestamps.available(), "native epoll or JNA's libc not available here");
        String before = System.getProperty(KernelArrival.PROPERTY);
        System.clearProperty(KernelArrival.PROPERTY); // on by default
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            BlockingQueue<Read> reads = new ArrayBlockingQueue<>(16);
            Channel ch = new Bootstrap().group(group).channel(EpollSocketChannel.class)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel c) {
                            ReadStamp rs = new ReadStamp(null, KernelArrival.install(c));
                            c.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                                @Override
                                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                    int n = ((ByteBuf) msg).readableBytes();
                                    long stamp = rs.take(n);
                                    reads.add(new Read(stamp, rs.kernelStamped(), rs.kernelDrained(), n));
                                    ReferenceCountUtil.release(msg);
                                }
                            });
                        }
                    })
                    .connect(server.getLocalSocketAddress()).sync().channel();
            try (Socket peer = server.accept()) {
                OutputStream out = peer.getOutputStream();
                CountDownLatch held = new CountDownLatch(1);
                CountDownLatch written = new CountDownLatch(1);
                ch.eventLoop().execute(() -> { // the loop is busy: it cannot read until the writes are done
                    held.countDown();
                    try {
                        written.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                assertTrue(held.await(10, TimeUnit.SECONDS));
                for (int i = 0; i < parts.length; i++) {
                    if (i > 0) Thread.sleep(30);
                    long b = System.nanoTime();
                    out.write(parts[i].getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    writes.add(new Write(b, System.nanoTime()));
                }
                Thread.sleep(50);
                written.countDown();
                Read r = reads.poll(10, TimeUnit.SECONDS);
                assertNotNull(r, "no read");
                return r;
            } finally {
                ch.close().sync();
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
            if (before != null) System.setProperty(KernelArrival.PROPERTY, before);
        }
    }

    @Test
    void offWhenTurnedOff() {
        String before = System.getProperty(KernelArrival.PROPERTY);
        System.setProperty(KernelArrival.PROPERTY, "off");
        try {
            assertFalse(KernelArrival.enabled());
        } finally {
            if (before == null) System.clearProperty(KernelArrival.PROPERTY);
            else System.setProperty(KernelArrival.PROPERTY, before);
        }
    }

    /** A frame ends a read only when nothing of a later write follows it: a chunk's CRLF and the last chunk do not count. */
    @Test
    void aReadEndsOnAFrameOnlyWhenNoLaterBytesFollowIt() {
        assertAll(
                () -> assertTrue(ends("data: {}\n\n\r\n")),              // chunked: the frame, then its chunk's CRLF
                () -> assertTrue(ends("e\r\ndata: [DONE]\n\n\r\n0\r\n\r\n")), // and the body's terminating chunk
                () -> assertTrue(ends("{\"done\":true}\n")),              // not chunked: the frame's own line end
                () -> assertTrue(ends("data: {}\r\n\r\n")),              // CRLF line ends, not chunked
                () -> assertFalse(ends("data: {}\n\n\r\nfc\r\n")),       // the next chunk's size line came too
                () -> assertFalse(ends("data: {}\n\n\r\nfc\r\ndata: {\"a")), // and part of its data
                () -> assertFalse(ends("data: {\"a")));
    }

    private static boolean ends(String read) {
        return ResponseHandler.endsOnFrame(Unpooled.copiedBuffer(read, StandardCharsets.US_ASCII));
    }
}
