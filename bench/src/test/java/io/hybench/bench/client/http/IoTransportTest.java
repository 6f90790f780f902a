package io.hybench.bench.client.http;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Choosing the client's transport by -Dhybench.transport, and the default on this machine. */
class IoTransportTest {
    @Test
    void aNamedTransportIsTakenInAnyCase() {
        assertEquals(IoTransport.NIO, IoTransport.choose("nio"));
        assertEquals(IoTransport.NIO, IoTransport.choose(" NIO "));
        if (Epoll.isAvailable()) assertEquals(IoTransport.EPOLL, IoTransport.choose("Epoll"));
        if (IoUring.isAvailable()) assertEquals(IoTransport.IO_URING, IoTransport.choose("io_uring"));
    }

    @Test
    void withoutAChoiceTheFirstAvailableInTheDefaultOrder() {
        IoTransport first = null;
        for (IoTransport t : IoTransport.DEFAULT_ORDER) {
            if (t.available()) {
                first = t;
                break;
            }
        }
        assertEquals(first, IoTransport.choose(null));
        assertEquals(first, IoTransport.choose(" "));
        assertEquals(IoTransport.NIO, IoTransport.DEFAULT_ORDER[IoTransport.DEFAULT_ORDER.length - 1], "NIO runs everywhere: the last resort");
    }

    @Test
    void anUnknownNameIsOneClearLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IoTransport.choose("kqueue"));
        assertEquals("-Dhybench.transport=kqueue: expected epoll, io_uring or nio", e.getMessage());
    }

    @Test
    void whereIoUringCannotStartTheNextOneIsTaken() {
        // a container's seccomp profile refusing io_uring_setup: IoUring.isAvailable() is false there
        IoTransport t = IoTransport.choose(null, v -> v != IoTransport.IO_URING);
        assertEquals(IoTransport.DEFAULT_ORDER[0] == IoTransport.IO_URING ? IoTransport.EPOLL : IoTransport.DEFAULT_ORDER[0], t);
        assertEquals(IoTransport.NIO, IoTransport.choose(null, v -> v == IoTransport.NIO), "no native transport: NIO");
    }

    @Test
    void anUnavailableTransportAskedForByNameSaysWhy() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IoTransport.choose("io_uring", v -> v != IoTransport.IO_URING));
        assertTrue(e.getMessage().startsWith("-Dhybench.transport=io_uring: not available here ("), e.getMessage());
    }
}
