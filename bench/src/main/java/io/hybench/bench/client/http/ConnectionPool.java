package io.hybench.bench.client.http;

import io.hybench.bench.client.ClientOptions;
import io.hybench.bench.client.RunClock;
import io.hybench.bench.client.Target;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.concurrent.GlobalEventExecutor;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import java.net.URI;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;

/**
 * HTTP/1.1 keep-alive connections to one target, without a cap: a request takes the most recently
 * released idle connection or opens a new one. TLS (https targets) uses the JDK's SSL engine with the
 * host name checked against the certificate.
 */
final class ConnectionPool implements AutoCloseable {
    static {
        // Netty's leak detector samples buffers at its default level and captures a stack trace for each sampled one
        // on the I/O thread, between a read and the next stamp. The client releases every buffer in ResponseHandler
        // (the tests run with it on, see the surefire configuration); a user who sets the level keeps it.
        if (System.getProperty("io.netty.leakDetection.level") == null && System.getProperty("io.netty.leakDetectionLevel") == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
    }

    private final String host;
    private final int port;
    private final String hostHeader;
    private final Bootstrap bootstrap;
    private final Deque<Channel> idle = new ConcurrentLinkedDeque<>();
    private final ChannelGroup all = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private volatile boolean closed;

    ConnectionPool(Target target, ClientOptions options, RunClock clock) {
        URI base = target.baseUrl();
        boolean tls = "https".equalsIgnoreCase(base.getScheme());
        if (!tls && !"http".equalsIgnoreCase(base.getScheme())) {
            throw new IllegalArgumentException("target '" + target.name() + "': base URL must be http or https, was " + target.displayUrl());
        }
        this.host = base.getHost();
        this.port = base.getPort() >= 0 ? base.getPort() : tls ? 443 : 80;
        this.hostHeader = base.getPort() >= 0 ? host + ":" + port : host;
        SslContext ssl = tls ? jdkSsl() : null;
        int connectMillis = (int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis());
        IoLoops loops = IoLoops.shared();
        this.bootstrap = new Bootstrap()
                .group(loops.group)
                .channel(loops.channelType)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectMillis)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ResponseHandler response = new ResponseHandler(ConnectionPool.this, clock, ssl != null);
                        ChannelPipeline p = ch.pipeline();
                        if (ssl != null) p.addLast(response.stamper, sslHandler(ssl, ch, connectMillis));
                        p.addLast(response, new HttpRequestEncoder());
                    }
                });
    }

    private static SslContext jdkSsl() {
        try {
            return SslContextBuilder.forClient().sslProvider(SslProvider.JDK).build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private SslHandler sslHandler(SslContext ssl, SocketChannel ch, int handshakeMillis) {
        SslHandler h = ssl.newHandler(ch.alloc(), host, port);
        SSLEngine engine = h.engine();
        SSLParameters params = engine.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(params);
        h.setHandshakeTimeoutMillis(handshakeMillis);
        return h;
    }

    /** Sends {@code ex}'s request on an idle connection, or on a new one. */
    void send(Exchange ex) {
        for (Channel ch; (ch = idle.pollFirst()) != null; ) {
            if (!ch.isActive()) continue;
            Channel c = ch;
            c.eventLoop().execute(() -> {
                ex.reused = true;
                write(c, ex);
            });
            return;
        }
        connect(ex);
    }

    /** Sends {@code ex}'s request on a new connection. */
    void connect(Exchange ex) {
        ChannelFuture f = bootstrap.connect(host, port);
        f.addListener(done -> {
            if (!done.isSuccess()) {
                ex.finish(new Exchange.Outcome.ConnectFailed(done.cause()));
                return;
            }
            all.add(f.channel());
            write(f.channel(), ex);
        });
    }

    private void write(Channel ch, Exchange ex) {
        ResponseHandler handler = ch.pipeline().get(ResponseHandler.class);
        if (ex.abandoned()) {
            release(ch);
            return;
        }
        handler.attach(ex);
        ex.attached(ch);
        if (!ch.isActive()) {
            handler.lost(ch.pipeline().context(handler), ex, new java.io.IOException("connection closed before the request was sent"));
            return;
        }
        ch.writeAndFlush(request(ex)).addListener(w -> {
            if (!w.isSuccess()) ch.pipeline().fireExceptionCaught(w.cause());
        });
    }

    private FullHttpRequest request(Exchange ex) {
        HttpTransport.Post post = ex.post;
        FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, post.requestTarget(),
                Unpooled.wrappedBuffer(post.json()));
        r.headers().set(HttpHeaderNames.HOST, hostHeader)
                .set(HttpHeaderNames.USER_AGENT, "hybench")
                .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .set(HttpHeaderNames.ACCEPT, post.accept())
                .set(HttpHeaderNames.CONTENT_LENGTH, post.json().length)
                .set(HttpTransport.REQUEST_ID_HEADER, ex.requestId);
        for (Map.Entry<String, String> h : post.headers().entrySet()) r.headers().set(h.getKey(), h.getValue());
        return r;
    }

    /** A connection whose response was read to its end goes back for reuse. */
    void release(Channel ch) {
        if (closed || !ch.isActive()) ch.close();
        else idle.addFirst(ch);
        if (closed) ch.close(); // close() may have drained the pool while this was being added
    }

    /** The caller gave up on {@code ex}: its connection (if it has one yet) is closed. */
    void abandon(Exchange ex) {
        ex.abandon();
        Channel ch = ex.channel();
        if (ch == null) return;
        ResponseHandler handler = ch.pipeline().get(ResponseHandler.class);
        if (handler == null) return;
        ch.eventLoop().execute(() -> handler.giveUp(ch.pipeline().context(handler), ex));
    }

    /**
     * After {@code delayNanos}, gives up on {@code ex} if its body has still not ended (end marker read, body
     * lingering); the timer is cancelled when the body ends, so finished requests leave none behind.
     */
    void abandonLater(Exchange ex, long delayNanos) {
        Channel ch = ex.channel();
        if (ch == null) return;
        ex.lingerAtMost(ch.eventLoop().schedule(() -> {
            if (ex.outcome() == null) abandon(ex);
        }, delayNanos, TimeUnit.NANOSECONDS));
    }

    @Override
    public void close() {
        closed = true;
        idle.clear();
        all.close().awaitUninterruptibly();
    }
}
