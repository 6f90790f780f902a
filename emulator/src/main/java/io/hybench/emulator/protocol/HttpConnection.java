package io.hybench.emulator.protocol;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;

import java.util.ArrayDeque;

/**
 * One client connection: HTTP/1.1 with keep-alive, one exchange at a time. A request that arrives while
 * a response is still being written (pipelining) waits its turn, as with the JDK's server before.
 */
public final class HttpConnection extends SimpleChannelInboundHandler<FullHttpRequest> {
    /** Request bodies up to this size (long prompts); larger ones get 413 from the aggregator. */
    private static final int MAX_BODY_BYTES = 256 << 20;

    private final EmulatorHandler routes;
    private final ArrayDeque<Exchange> waiting = new ArrayDeque<>();
    private Exchange current;

    private HttpConnection(EmulatorHandler routes) {
        this.routes = routes;
    }

    /** Sets up a new connection's pipeline: HTTP/1.1 codec, whole request bodies, then this handler. */
    public static void install(Channel channel, EmulatorHandler routes) {
        channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_BODY_BYTES), new HttpConnection(routes));
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST, Unpooled.EMPTY_BUFFER))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        Exchange exchange = new Exchange(ctx.channel(), request, this::completed);
        if (current == null) start(exchange);
        else waiting.add(exchange);
    }

    private void start(Exchange exchange) {
        current = exchange;
        routes.handle(exchange);
    }

    private void completed(Exchange exchange) {
        current = null;
        if (!exchange.keepAlive()) {
            waiting.clear();
            exchange.cut();
            return;
        }
        Exchange next = waiting.poll();
        if (next != null) start(next);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        waiting.clear();
        if (current != null) current.closed();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
