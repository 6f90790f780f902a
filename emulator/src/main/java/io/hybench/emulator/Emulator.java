package io.hybench.emulator;

import io.hybench.core.os.SchedulerSlice;
import io.hybench.core.time.ClockAnchor;
import io.hybench.emulator.answer.AnswerKey;
import io.hybench.emulator.engine.Engine;
import io.hybench.emulator.engine.RealTimeLoop;
import io.hybench.emulator.profile.EmulatorProfile;
import io.hybench.emulator.protocol.EmulatorHandler;
import io.hybench.emulator.protocol.HttpConnection;
import io.hybench.emulator.truth.TruthClock;
import io.hybench.emulator.truth.TruthLog;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * A serving emulator on loopback: one profile's engine model behind Ollama, OpenAI-compatible and
 * Anthropic endpoints, with every write logged to a {@link TruthLog}.
 *
 * <p>The HTTP server is Netty: one event loop per core (native epoll where the platform has it, NIO
 * elsewhere) serves every connection; each connection's due writes are sent on its loop by a timer,
 * not by a thread per exchange parked until its deadline (1,024 streams were 1,024 threads waking on
 * 2 cores; docs/performance.md). TCP_NODELAY is on, as Go's and uvicorn's servers set it, so a small
 * chunk is never held back by Nagle's algorithm waiting for the client's delayed ACK.
 * {@code -Dhybench.emulatorThreads=N} sets the number of event loops.
 */
public final class Emulator implements AutoCloseable {
    private static final int BACKLOG = 4096;

    private final EmulatorProfile profile;
    private final Channel server;
    private final EventLoopGroup group;
    private final RealTimeLoop loop;
    private final TruthLog truth;
    private final long originNanoTime;

    private Emulator(EmulatorProfile profile, Channel server, EventLoopGroup group, RealTimeLoop loop,
                     TruthLog truth, long originNanoTime) {
        this.profile = profile;
        this.server = server;
        this.group = group;
        this.loop = loop;
        this.truth = truth;
        this.originNanoTime = originNanoTime;
    }

    /** Starts on {@code port} (0: any free port) with the truth kept in memory. */
    public static Emulator start(EmulatorProfile profile, int port, long seed) {
        return start(profile, port, seed, TruthLog.inMemory());
    }

    public static Emulator start(EmulatorProfile profile, int port, long seed, TruthLog truth) {
        return start(profile, port, seed, truth, AnswerKey.NONE);
    }

    /**
     * Starts with an answer key: a request whose last user message is a prompt in {@code answers} is
     * answered by the profile's answer model (docs/emulator.md); other prompts get generated text.
     */
    public static Emulator start(EmulatorProfile profile, int port, long seed, TruthLog truth, AnswerKey answers) {
        if (!answers.isEmpty() && profile.answers() == null) {
            throw new IllegalArgumentException("profile " + profile.name() + " has no answers section, so it cannot answer the "
                    + answers.size() + " questions of the answer key (docs/emulator.md, \"Answer model\")");
        }
        long origin = System.nanoTime();
        Instant originWall = Instant.now();
        truth.record(new TruthClock(ClockAnchor.capture(origin)));
        RealTimeLoop loop = new RealTimeLoop(origin);
        Engine engine = Engine.create(profile.engine(), loop, seed);
        EmulatorHandler routes = new EmulatorHandler(profile, engine, loop, truth, seed, origin, originWall, answers);
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(
                Integer.getInteger("hybench.emulatorThreads", Runtime.getRuntime().availableProcessors()),
                shortSlices(new DefaultThreadFactory("emulator-io", true)), epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        Class<? extends ServerChannel> type = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        ChannelFuture bound = new ServerBootstrap().group(group).channel(type)
                .option(ChannelOption.SO_BACKLOG, BACKLOG)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        HttpConnection.install(channel, routes);
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            loop.close();
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            Throwable cause = bound.cause();
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port + ": " + cause.getMessage(),
                    cause instanceof IOException io ? io : new IOException(cause));
        }
        return new Emulator(profile, bound.channel(), group, loop, truth, origin);
    }

    private InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    /** e.g. {@code http://127.0.0.1:41234} (no trailing slash). */
    public URI baseUrl() {
        return URI.create("http://" + address().getAddress().getHostAddress() + ":" + address().getPort());
    }

    public int port() {
        return address().getPort();
    }

    public EmulatorProfile profile() {
        return profile;
    }

    public TruthLog truth() {
        return truth;
    }

    /** The {@link System#nanoTime()} value that truth times are relative to. */
    public long originNanoTime() {
        return originNanoTime;
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        loop.close();
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
        truth.close();
    }

    /** Threads that write tokens when their step comes: woken, they preempt the thread on their core ({@link SchedulerSlice}). */
    private static ThreadFactory shortSlices(ThreadFactory threads) {
        return task -> threads.newThread(SchedulerSlice.shortened(task));
    }
}
