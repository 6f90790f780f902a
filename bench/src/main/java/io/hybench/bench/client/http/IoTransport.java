package io.hybench.bench.client.http;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringSocketChannel;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The client's socket transport: Netty's native epoll or io_uring (Linux), or the JDK's NIO (everywhere).
 * {@code -Dhybench.transport=epoll|io_uring|nio} chooses one; without it, the first available in
 * {@link #DEFAULT_ORDER} (docs/performance.md, "io_uring or epoll", says why epoll comes first). A transport is
 * available when its native library loads and the kernel lets it start (a container's seccomp profile may
 * refuse io_uring's system calls: {@link IoUring#isAvailable()} is then false and the next one is used).
 */
enum IoTransport {
    EPOLL("epoll", Epoll::isAvailable, EpollIoHandler::newFactory, EpollSocketChannel.class),
    IO_URING("io_uring", IoUring::isAvailable, IoUringIoHandler::newFactory, IoUringSocketChannel.class),
    NIO("nio", () -> true, NioIoHandler::newFactory, NioSocketChannel.class);

    static final String PROPERTY = "hybench.transport";
    static final IoTransport[] DEFAULT_ORDER = {EPOLL, IO_URING, NIO};

    final String id;
    private final Supplier<Boolean> available;
    private final Supplier<IoHandlerFactory> factory;
    final Class<? extends SocketChannel> channelType;

    IoTransport(String id, Supplier<Boolean> available, Supplier<IoHandlerFactory> factory, Class<? extends SocketChannel> channelType) {
        this.id = id;
        this.available = available;
        this.factory = factory;
        this.channelType = channelType;
    }

    boolean available() {
        return available.get();
    }

    IoHandlerFactory newFactory() {
        return factory.get();
    }

    /**
     * The transport named by {@code choice} ({@value #PROPERTY}), or the first available by default when it is
     * null or blank.
     *
     * @throws IllegalArgumentException when {@code choice} names no transport, or one this machine cannot run
     */
    static IoTransport choose(String choice) {
        return choose(choice, IoTransport::available);
    }

    static IoTransport choose(String choice, Predicate<IoTransport> available) {
        if (choice == null || choice.isBlank()) {
            return Arrays.stream(DEFAULT_ORDER).filter(available).findFirst().orElse(NIO);
        }
        String id = choice.strip().toLowerCase(Locale.ROOT);
        IoTransport t = Arrays.stream(values()).filter(v -> v.id.equals(id)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "-D" + PROPERTY + "=" + choice + ": expected epoll, io_uring or nio"));
        if (!available.test(t)) {
            throw new IllegalArgumentException("-D" + PROPERTY + "=" + t.id + ": not available here (" + t.unavailabilityCause() + ")");
        }
        return t;
    }

    private String unavailabilityCause() {
        Throwable cause = switch (this) {
            case EPOLL -> Epoll.unavailabilityCause();
            case IO_URING -> IoUring.unavailabilityCause();
            case NIO -> null;
        };
        return cause == null ? "no reason given" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
