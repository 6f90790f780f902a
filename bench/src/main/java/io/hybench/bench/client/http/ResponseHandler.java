package io.hybench.bench.client.http;

import io.hybench.bench.client.RunClock;
import io.hybench.bench.client.http.Exchange.Outcome;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * One connection's reading of responses, on its I/O thread: Netty's HTTP/1.1 response decoder, which takes what it
 * decodes itself instead of passing each part down the pipeline. It stamps every socket read before decoding it
 * ({@link ReadStamp}; on a TLS connection {@link #stamper} does, in front of the TLS handler), cuts a 2xx body at the
 * protocol's frame boundaries ({@link BoundaryFramer}: a byte search, each frame carrying the stamp of the read that
 * completed it) and hands the bytes to the request's {@link Exchange}. Nothing here builds text or parses JSON. Taking
 * the decoded parts in place saves a pipeline hop per read and per chunk, each of which, spread over a thousand
 * connections' pipelines, mostly waits for memory (docs/performance.md, "One handler per read").
 */
final class ResponseHandler extends HttpResponseDecoder {
    static final int MAX_ERROR_BODY_BYTES = 64 * 1024;

    private final ConnectionPool pool;
    private final RunClock clock;
    /** Whether {@link #stamper} stamps this connection's reads (TLS: before decryption); otherwise this handler does. */
    private final boolean stampedAhead;
    /** Copy space for direct buffers, one per I/O thread (a connection is only ever read on its own loop). */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[16 * 1024]);
    private byte[] scratch;
    private Exchange current;
    private BoundaryFramer decoder;
    private ByteArrayOutputStream errorBody;
    private boolean keepAlive;
    private long readStamp;
    private long readInBatchNanos = -1;
    private ReadStamp stamps;

    /**
     * First inbound handler of a TLS connection: the arrival stamp of every read, taken before decryption. How long after
     * the batch's start the read came is recorded either way (docs/metrics.md, "Timing uncertainty").
     */
    final ChannelInboundHandlerAdapter stamper = new ChannelInboundHandlerAdapter() {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            stamp();
            ctx.fireChannelRead(msg);
        }
    };

    /** @param stampedAhead {@link #stamper} goes first in the pipeline and stamps the reads (TLS) */
    ResponseHandler(ConnectionPool pool, RunClock clock, boolean stampedAhead) {
        this.pool = pool;
        this.clock = clock;
        this.stampedAhead = stampedAhead;
    }

    private void stamp() {
        long stamp = stamps.take();
        long inBatch = stamps.inBatchNanos();
        if (inBatch >= 0) StampingDelay.record(StampingDelay.IN_BATCH, inBatch);
        readStamp = clock.fromNanoTime(stamp);
        readInBatchNanos = inBatch;
        Exchange ex = current;
        if (ex != null) ex.read(readStamp, inBatch);
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
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (!stampedAhead) stamp();
        super.channelRead(ctx, msg);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        super.decode(ctx, in, out);
        take(ctx, out);
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        super.decodeLast(ctx, in, out);
        take(ctx, out);
    }

    /** Handles what the decoder produced, in order, and empties {@code out} so that nothing goes down the pipeline. */
    private void take(ChannelHandlerContext ctx, List<Object> out) {
        try {
            for (int i = 0, n = out.size(); i < n; i++) {
                Exchange ex = current;
                if (ex == null) continue; // bytes on an idle connection: nothing asked for them
                Object msg = out.get(i);
                if (msg instanceof HttpResponse r) headers(ex, r);
                if (msg instanceof HttpContent c) content(ctx, ex, c);
            }
        } finally {
            for (int i = 0, n = out.size(); i < n; i++) ReferenceCountUtil.release(out.get(i));
            out.clear();
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
            decoder.feed(buf.array(), buf.arrayOffset() + buf.readerIndex(), buf.readableBytes(), readStamp, readInBatchNanos);
        } else if (decoder != null) {
            for (int n; (n = Math.min(buf.readableBytes(), scratch.length)) > 0; ) {
                buf.readBytes(scratch, 0, n);
                decoder.feed(scratch, 0, n, readStamp, readInBatchNanos);
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
        if (decoder != null) decoder.finish(now, readInBatchNanos);
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

    /** The decoder first takes what is left (a close-delimited body ends here), then a response still open was lost. */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        super.channelInactive(ctx);
        Exchange ex = current;
        if (ex != null) lost(ctx, ex, new IOException("the server closed the connection"));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Exchange ex = current;
        if (ex != null) lost(ctx, ex, cause);
        else ctx.close();
    }
}
