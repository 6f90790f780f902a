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

    /** A read's stamp and whether the kernel gave it. */
    private record Stamp(long nanoTime, boolean kernel, int bytes) {
    }

    /**
     * Bytes written while the client's loop is held busy for 200 ms are stamped when the write put them on the
     * connection, not when the loop read them: the stamp lies between the writer's clock readings around its write.
     */
    @Test
    void aReadIsStampedWhenItsBytesCameNotWhenTheLoopGotToThem() throws Exception {
        Assumptions.assumeTrue(Epoll.isAvailable() && ReceiveTimestamps.available(), "native epoll or JNA's libc not available here");
        String before = System.getProperty(KernelArrival.PROPERTY);
        System.setProperty(KernelArrival.PROPERTY, "on");
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            BlockingQueue<Stamp> stamps = new ArrayBlockingQueue<>(16);
            Channel ch = new Bootstrap().group(group).channel(EpollSocketChannel.class)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel c) {
                            ReadStamp rs = new ReadStamp(null, KernelArrival.install(c));
                            c.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                                @Override
                                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                    int n = ((ByteBuf) msg).readableBytes();
                                    stamps.add(new Stamp(rs.take(n), rs.kernelStamped(), n));
                                    ReferenceCountUtil.release(msg);
                                }
                            });
                        }
                    })
                    .connect(server.getLocalSocketAddress()).sync().channel();
            try (Socket peer = server.accept()) {
                OutputStream out = peer.getOutputStream();
                CountDownLatch held = new CountDownLatch(1);
                ch.eventLoop().execute(() -> { // the loop is busy: it cannot read until this returns
                    held.countDown();
                    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
                    while (System.nanoTime() < until) Thread.onSpinWait();
                });
                assertTrue(held.await(10, TimeUnit.SECONDS));
                long beforeWrite = System.nanoTime();
                out.write("data: 1\n\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                long afterWrite = System.nanoTime();
                Stamp s = stamps.poll(10, TimeUnit.SECONDS);
                assertNotNull(s, "no read");
                assertAll(
                        () -> assertTrue(s.kernel(), "the kernel's stamp"),
                        () -> assertEquals(9, s.bytes()),
                        () -> assertTrue(s.nanoTime() >= beforeWrite - SLOP_NANOS, "stamp " + (s.nanoTime() - beforeWrite) + " ns after the write began"),
                        () -> assertTrue(s.nanoTime() <= afterWrite + SLOP_NANOS, "stamp " + (s.nanoTime() - afterWrite) + " ns after the write returned"));
            } finally {
                ch.close().sync();
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
            if (before == null) System.clearProperty(KernelArrival.PROPERTY);
            else System.setProperty(KernelArrival.PROPERTY, before);
        }
    }

    @Test
    void offUnlessAskedFor() {
        String before = System.getProperty(KernelArrival.PROPERTY);
        System.clearProperty(KernelArrival.PROPERTY);
        try {
            assertFalse(KernelArrival.enabled());
        } finally {
            if (before != null) System.setProperty(KernelArrival.PROPERTY, before);
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
