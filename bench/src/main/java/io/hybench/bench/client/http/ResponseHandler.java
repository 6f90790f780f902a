package io.hybench.bench.client.http;

import io.hybench.bench.client.RunClock;
import io.hybench.bench.client.http.Exchange.Outcome;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * One connection's reading of responses, on its I/O thread. {@link #stamper} sits first in the pipeline
 * and stamps every socket read before anything decodes it; after the HTTP/1.1 codec this handler cuts a
 * 2xx body at the protocol's frame boundaries ({@link BoundaryFramer}: a byte search, each frame carrying
 * the stamp of the read that completed it) and hands the bytes to the request's {@link Exchange}. Nothing
 * here builds text or parses JSON.
 */
final class ResponseHandler extends ChannelInboundHandlerAdapter {
    static final int MAX_ERROR_BODY_BYTES = 64 * 1024;

    private final ConnectionPool pool;
    private final RunClock clock;
    /** Copy space for direct buffers, one per I/O thread (a connection is only ever read on its own loop). */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[16 * 1024]);
    private byte[] scratch;
    private Exchange current;
    private FrameDecoder decoder;
    private ByteArrayOutputStream errorBody;
    private boolean keepAlive;
    private long readStamp;
    private ReadStamp stamps;

    /**
     * First inbound handler: the arrival stamp of every read, taken before TLS or HTTP decoding ({@link ReadStamp}).
     * How long after the batch's start the read came is recorded either way (docs/metrics.md, "Timing uncertainty").
     */
    final ChannelInboundHandlerAdapter stamper = new ChannelInboundHandlerAdapter() {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            long stamp = stamps.take();
            long inBatch = stamps.inBatchNanos();
            if (inBatch >= 0) StampingDelay.record(StampingDelay.IN_BATCH, inBatch);
            readStamp = clock.fromNanoTime(stamp);
            Exchange ex = current;
            if (ex != null) ex.read(readStamp, inBatch);
            ctx.fireChannelRead(msg);
        }
    };

    ResponseHandler(ConnectionPool pool, RunClock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        scratch = SCRATCH.get();
        stamps = new ReadStamp(IoLoops.currentBatch());
    }

    /** On the I/O thread: {@code ex} owns the connection's next response. */
    void attach(Exchange ex) {
        current = ex;
        decoder = null;
        errorBody = null;
        keepAlive = false;
    }

    /** On the I/O thread: the caller gave up on {@code ex}; its connection cannot be reused mid-response. */
    void giveUp(ChannelHandlerContext ctx, Exchange ex) {
        if (current != ex) return;
        current = null;
        ctx.close();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            Exchange ex = current;
            if (ex == null) return; // bytes on an idle connection: nothing asked for them
            if (msg instanceof HttpResponse r) headers(ex, r);
            if (msg instanceof HttpContent c) content(ctx, ex, c);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void headers(Exchange ex, HttpResponse r) {
        keepAlive = HttpUtil.isKeepAlive(r);
        Exchange.Response response = new Exchange.Response(r.status().code(), r.headers(), readStamp);
        if (response.ok()) decoder = ex.parser.newDecoder(ex::frame);
        else errorBody = new ByteArrayOutputStream();
        ex.headers(response);
    }

    private void content(ChannelHandlerContext ctx, Exchange ex, HttpContent c) {
        ByteBuf buf = c.content();
        if (decoder != null && buf.hasArray()) {
            decoder.feed(buf.array(), buf.arrayOffset() + buf.readerIndex(), buf.readableBytes(), readStamp);
        } else if (decoder != null) {
            for (int n; (n = Math.min(buf.readableBytes(), scratch.length)) > 0; ) {
                buf.readBytes(scratch, 0, n);
                decoder.feed(scratch, 0, n, readStamp);
            }
        } else if (errorBody != null) {
            for (int n; (n = Math.min(Math.min(buf.readableBytes(), scratch.length), MAX_ERROR_BODY_BYTES - errorBody.size())) > 0; ) {
                buf.readBytes(scratch, 0, n);
                errorBody.write(scratch, 0, n);
            }
            if (errorBody.size() >= MAX_ERROR_BODY_BYTES) { // too long: keep what came, drop the connection
                end(ctx, ex, new Outcome.ErrorBody(errorBody.toByteArray(), clock.nanos()), false);
                return;
            }
        }
        if (!(c instanceof LastHttpContent last)) return;
        if (last.decoderResult().isFailure()) {
            lost(ctx, ex, last.decoderResult().cause());
            return;
        }
        long now = clock.nanos();
        if (decoder != null) decoder.finish(now);
        end(ctx, ex, errorBody != null ? new Outcome.ErrorBody(errorBody.toByteArray(), now) : new Outcome.Ended(now), keepAlive);
    }

    private void end(ChannelHandlerContext ctx, Exchange ex, Outcome o, boolean reusable) {
        current = null;
        ex.finish(o);
        if (reusable && !ex.abandoned()) pool.release(ctx.channel());
        else ctx.close();
    }

    /** The connection failed under {@code ex}: a reused connection the server had closed is retried once. */
    void lost(ChannelHandlerContext ctx, Exchange ex, Throwable cause) {
        current = null;
        ctx.close();
        if (ex.response() == null && ex.reused && !ex.retried && !ex.abandoned()) {
            ex.retried = true;
            pool.connect(ex);
            return;
        }
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        if (ssl != null && !ssl.handshakeFuture().isSuccess()) ex.finish(new Outcome.ConnectFailed(cause));
        else if (errorBody != null) ex.finish(new Outcome.ErrorBody(errorBody.toByteArray(), clock.nanos()));
        else ex.finish(new Outcome.Lost(cause, clock.nanos()));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Exchange ex = current;
        if (ex != null) lost(ctx, ex, new IOException("the server closed the connection"));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Exchange ex = current;
        if (ex != null) lost(ctx, ex, cause);
        else ctx.close();
    }
}
