package io.hybench.bench.client.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The loops' lag probe: arrival stamp minus send stamp by hand, and real probes over loopback on each transport. */
class LoopLagProbeTest {
    /** A batch clock standing still at {@code start}, batch {@code number}, its bytes having waited up to {@code readyWaitNanos}. */
    private record FixedBatch(long startNanoTime, long number, long readyWaitNanos) implements IoLoops.Batch {
        FixedBatch(long startNanoTime, long number) {
            this(startNanoTime, number, 0);
        }

        @Override
        public boolean handlingReadySockets() {
            return true;
        }
    }

    private static byte[] stamps(long... sent) {
        ByteBuffer b = ByteBuffer.allocate(sent.length * Long.BYTES);
        for (long s : sent) b.putLong(s);
        return b.array();
    }

    @Test
    void eachSendStampIsJudgedByTheReadThatCompletedIt() {
        IoLoops.LagHistory h1 = new IoLoops.LagHistory();
        // one stamp in one read: the batch began at 1,000,000, the stamp was sent at 400,000
        new EmbeddedChannel(new LoopLagProbe.Arrivals(h1, new FixedBatch(1_000_000, 1))).writeInbound(Unpooled.wrappedBuffer(stamps(400_000)));
        assertEquals(600_000, h1.maxSince(0));
        assertEquals(600_000, h1.maxSince(1_000_000), "recorded at its arrival stamp, the batch's start");
        assertEquals(0, h1.maxSince(1_000_001));

        // a stalled loop: two stamps, 5 ms apart, came in one read at 10,000,000
        IoLoops.LagHistory h2 = new IoLoops.LagHistory();
        new EmbeddedChannel(new LoopLagProbe.Arrivals(h2, new FixedBatch(10_000_000, 7))).writeInbound(Unpooled.wrappedBuffer(stamps(100, 5_000_100)));
        assertEquals(9_999_900, h2.maxSince(0), "the older stamp waited longer");
    }

    @Test
    void aStampSplitAcrossReadsCountsFromTheReadThatCompletedIt() {
        IoLoops.LagHistory h = new IoLoops.LagHistory();
        FixedBatch[] batch = {new FixedBatch(2_000_000, 2)};
        IoLoops.Batch moving = new IoLoops.Batch() {
            @Override
            public boolean handlingReadySockets() {
                return true;
            }

            @Override
            public long startNanoTime() {
                return batch[0].startNanoTime();
            }

            @Override
            public long number() {
                return batch[0].number();
            }

            @Override
            public long readyWaitNanos() {
                return 0;
            }
        };
        EmbeddedChannel ch = new EmbeddedChannel(new LoopLagProbe.Arrivals(h, moving));
        byte[] b = stamps(1_900_000);
        ch.writeInbound(Unpooled.wrappedBuffer(b, 0, 3));
        assertEquals(0, h.maxSince(0), "three of eight bytes: nothing yet");
        batch[0] = new FixedBatch(2_500_000, 3);
        ch.writeInbound(Unpooled.wrappedBuffer(b, 3, 5));
        assertEquals(600_000, h.maxSince(0), "2,500,000 − 1,900,000");
    }

    @Test
    void readStampsTheFirstReadOfABatchAtItsStartAndLaterOnesWhenTheyReturn() {
        ReadStamp s = new ReadStamp(new FixedBatch(42, 1), null);
        long before = System.nanoTime();
        assertEquals(42, s.take(1));
        assertTrue(s.inBatchNanos() >= before - 42);
        long second = s.take(1);
        assertTrue(second >= before && second <= System.nanoTime(), "the same socket again in the same batch: when it returned");
        ReadStamp off = new ReadStamp(null, null);
        long t = off.take(1);
        assertTrue(t >= before && t <= System.nanoTime());
        assertEquals(-1, off.inBatchNanos(), "no batch: no in-batch delay");
    }

    /** Bytes that made a socket ready may have waited for the loop to look (busy, or waiting for a CPU): every read of the socket in the batch says so. */
    @Test
    void aReadMayBeLateByItsBytesWaitForTheLoop() {
        long start = System.nanoTime();
        long busy = 3_000_000_000L; // longer than this test can take, so it is the larger of the two
        ReadStamp s = new ReadStamp(new FixedBatch(start, 5, busy), null);
        assertEquals(start, s.take(1));
        assertEquals(busy, s.inBatchNanos(), "first read: the bytes' wait for the loop");
        long before = System.nanoTime();
        s.take(1);
        long after = System.nanoTime();
        assertTrue(s.inBatchNanos() >= busy + before - start && s.inBatchNanos() <= busy + after - start,
                "a later read of the batch: how long after its start, plus the wait of bytes the first read may have left");
    }

    /** Hand-computed: a wait that slept counts its wait for a CPU only; one that did not, the busy spell and itself. */
    @Test
    void bytesWaitForTheLoopByWhetherItsWaitSlept() {
        long ms = 1_000_000;
        assertEquals(400_000, IoLoops.readyWaitNanos(3 * ms, 10 * ms, 400_000, 20_000, false), "slept 9.58 ms: nothing was ready at its start; woken, it waited 0.4 ms for a CPU");
        assertEquals(3 * ms + 20_000, IoLoops.readyWaitNanos(3 * ms, 20_000, 10_000, 10_000, false), "returned at once: bytes ready since the previous look waited the spell and the wait");
        assertEquals(3 * ms, IoLoops.readyWaitNanos(ms, 2 * ms, 1_980_000, 10_000, false), "a wait preempted, not asleep: all of it counts");
        assertEquals(6_280_000 + 1_676_000, IoLoops.readyWaitNanos(6_280_000, 1_676_000, 1_605_000, 71_000, false),
                "preempted, and 71 µs on the CPU in system calls: not asleep, so bytes may have waited out the busy spell");
        assertEquals(286_000 + 45_820_000, IoLoops.readyWaitNanos(286_000, 45_820_000, 0, 30_000, true),
                "a collection in the wait held the woken thread: not asleep all along");
        assertEquals(400_000, IoLoops.readyWaitNanos(3 * ms, 10 * ms, 400_000, -1, false), "no CPU time: the run-queue wait decides alone");
        assertEquals(3 * ms, IoLoops.readyWaitNanos(3 * ms, 10 * ms, -1, -1, false), "no run-queue count: the busy spell alone, the wake-up left to the probe");
    }

    /** Hand-computed: a batch's look, from which the next batch's busy spell counts. */
    @Test
    void theLookOfAWaitIsBeforeItsStartByItsWaitForTheCpuAndItsCpuTime() {
        assertEquals(9_500_000, IoLoops.lookNanoTime(0, 10_000_000, 400_000, 100_000, false), "woken, 0.4 ms for a CPU and 0.1 ms on it before the start");
        assertEquals(1_000_000, IoLoops.lookNanoTime(1_000_000, 1_030_000, 0, 40_000, false), "never before the wait's entry");
        assertEquals(10_000_000, IoLoops.lookNanoTime(0, 10_000_000, -1, -1, false), "nothing read (a wait of 50 µs or less): the start");
        assertEquals(44_141_536_152L, IoLoops.lookNanoTime(44_141_536_152L, 44_198_454_218L, 430_000, 53_000, true),
                "a collection held the woken thread: the look may be as old as the entry (device, a 57 ms wait)");
    }

    @Test
    void probesEveryLoopOverLoopbackOnNio() throws Exception {
        probesEveryLoop(NioIoHandler.newFactory(), NioSocketChannel.class);
    }

    @Test
    void probesEveryLoopOverLoopbackOnEpoll() throws Exception {
        Assumptions.assumeTrue(Epoll.isAvailable(), "native epoll not available here");
        probesEveryLoop(EpollIoHandler.newFactory(), EpollSocketChannel.class);
    }

    /** Every loop's history gets arrivals; once the loops are shut down the sender ends (no thread left behind). */
    private static void probesEveryLoop(IoHandlerFactory io, Class<? extends SocketChannel> channelType) throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory("probe-test", true), io);
        long since = System.nanoTime();
        LoopLagProbe.Started probe = LoopLagProbe.start(group, channelType);
        try {
            assertEquals(2, probe.lag().size());
            for (EventExecutor loop : group) {
                IoLoops.LagHistory h = probe.lag().get(loop);
                for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); h.maxSince(since) == 0 && System.nanoTime() < deadline; ) {
                    Thread.sleep(10);
                }
                assertTrue(h.maxSince(since) > 0, "the loop stamped the probe's bytes");
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
        probe.sender().join(TimeUnit.SECONDS.toMillis(60));
        assertFalse(probe.sender().isAlive(), "the sender ends with its loops' connections");
    }
}
