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
 * <p>
 * A plain TCP connection on epoll reads the kernel's arrival stamps ({@link KernelArrival}): a read's stamp is when its
 * last byte came. Its frames are held until the read ends, since only the frame that ends the read came with that byte;
 * one that other bytes followed in the same read came earlier, after the connection's previous read, and carries that
 * span as its uncertainty (docs/metrics.md, "Kernel arrival stamps").
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
    // a kernel-stamped read in progress (readOpen) holds its last frame until it ends, when its frames' uncertainty is known
    private boolean readOpen;
    private boolean readEndsOnFrame;
    private Exchange readFor;
    private long previousArrivalNanos; // run clock: the last kernel-stamped read that drained the socket, or the request's attach
    private RawFrame held;
    private Exchange heldFor;

    /**
     * First inbound handler of a TLS connection: the arrival stamp of every read, taken before decryption. How long after
     * the batch's start the read came is recorded either way (docs/metrics.md, "Timing uncertainty").
     */
    final ChannelInboundHandlerAdapter stamper = new ChannelInboundHandlerAdapter() {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            stamp(((ByteBuf) msg).readableBytes());
            ctx.fireChannelRead(msg);
        }
    };

    /** @param stampedAhead {@link #stamper} goes first in the pipeline and stamps the reads (TLS) */
    ResponseHandler(ConnectionPool pool, RunClock clock, boolean stampedAhead) {
        this.pool = pool;
        this.clock = clock;
        this.stampedAhead = stampedAhead;
    }

    private void stamp(int bytes) {
        long stamp = stamps.take(bytes);
        long inBatch = stamps.inBatchNanos();
        readStamp = clock.fromNanoTime(stamp);
        readInBatchNanos = inBatch;
        Exchange ex = current;
        if (stamps.kernelStamped()) { // the read's uncertainty is known once its frames are: closeRead
            readOpen = true;
            readFor = ex;
            StampingDelay.KERNEL_STAMPED.increment();
            return;
        }
        if (inBatch >= 0) StampingDelay.loopStamped(inBatch);
        if (ex != null) ex.read(readStamp, inBatch);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        scratch = SCRATCH.get();
        KernelArrival kernel = stampedAhead ? null : KernelArrival.install((io.netty.channel.socket.SocketChannel) ctx.channel());
        stamps = new ReadStamp(IoLoops.currentBatch(), kernel);
    }

    /** On the I/O thread: {@code ex} owns the connection's next response. */
    void attach(Exchange ex) {
        current = ex;
        previousArrivalNanos = clock.nanos(); // no byte of its response came before this
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
        if (!stampedAhead) stamp(((ByteBuf) msg).readableBytes());
        if (readOpen) readEndsOnFrame = stamps.kernelDrained() && endsOnFrame((ByteBuf) msg);
        try {
            super.channelRead(ctx, msg);
        } finally {
            closeRead();
        }
    }

    /**
     * Whether a read's bytes end where a frame ends: a line end, then at most a chunk's closing CRLF and the body's
     * terminating chunk. A read that ends after the next chunk's size line, or inside its data, took bytes of a later
     * write; the frame before them came earlier than the read's stamp.
     */
    static boolean endsOnFrame(ByteBuf read) {
        int start = read.readerIndex();
        int end = read.writerIndex();
        if (endsWith(read, start, end, LAST_CHUNK)) end -= LAST_CHUNK.length;
        if (endsWith(read, start, end, CHUNK_END)) return true;
        return end > start && read.getByte(end - 1) == '\n' && (end - start < 2 || read.getByte(end - 2) != '\r');
    }

    private static final byte[] LAST_CHUNK = {'0', '\r', '\n', '\r', '\n'};
    private static final byte[] CHUNK_END = {'\n', '\r', '\n'}; // a frame's last line end, then the chunk's CRLF

    private static boolean endsWith(ByteBuf b, int start, int end, byte[] tail) {
        if (end - start < tail.length) return false;
        for (int i = 0; i < tail.length; i++) {
            if (b.getByte(end - tail.length + i) != tail[i]) return false;
        }
        return true;
    }

    /** A frame cut from the current read; a kernel-stamped read's last one waits for the read's end ({@link #closeRead}). */
    private void frameOfRead(Exchange ex, RawFrame f) {
        if (!readOpen) { // stamped by the loop, or cut outside a read (a close-delimited body's end)
            ex.frame(f);
            return;
        }
        boolean bodyEnd = f.last() && f.bytes().length == 0; // nothing new: the held frame still ends the read
        if (held != null) release(bodyEnd);
        if (bodyEnd) ex.frame(f);
        else {
            held = f;
            heldFor = ex;
        }
    }

    /** The held frame goes on; it came with the read's last byte, or else at some time since the connection's previous read. */
    private void release(boolean endsRead) {
        if (endsRead) heldFor.frame(held); // its uncertainty is its read's: 0
        else heldFor.frame(new RawFrame(held.bytes(), held.arrivalNanos(), Math.max(0, readStamp - previousArrivalNanos), held.last(),
                true, stamps.loopBoundNanos()));
        held = null;
        heldFor = null;
    }

    /**
     * A kernel-stamped read is over (or its response ends within it): the held frame goes on, ending the read unless a
     * partial frame's bytes came after it. Before a response's end is signalled, so that its caller sees every frame. The
     * frames' uncertainty is recorded by the caller ({@link LatencyStamps}), which knows which of them carried content: a
     * role chunk that came with the first token in one write is earlier in the read, and its span is nobody's latency.
     */
    private void closeRead() {
        if (!readOpen) return;
        readOpen = false;
        if (held != null) release(readEndsOnFrame && (decoder == null || !decoder.holdsPartialFrame()));
        if (readFor != null) readFor.kernelRead(readStamp);
        // a read that left bytes waiting may carry their (later) stamp, shared by every byte of a merged packet: later
        // bytes are known to have come after the last read that took everything, not after this one
        if (stamps.kernelDrained()) previousArrivalNanos = readStamp;
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
        if (response.ok()) decoder = ex.parser.newDecoder(f -> frameOfRead(ex, f));
        else errorBody = new ByteArrayOutputStream();
        ex.headers(response);
    }

    private void content(ChannelHandlerContext ctx, Exchange ex, HttpContent c) {
        ByteBuf buf = c.content();
        if (decoder != null && buf.hasArray()) {
            decoder.feed(buf.array(), buf.arrayOffset() + buf.readerIndex(), buf.readableBytes(), readStamp, readInBatchNanos, readOpen);
        } else if (decoder != null) {
            for (int n; (n = Math.min(buf.readableBytes(), scratch.length)) > 0; ) {
                buf.readBytes(scratch, 0, n);
                decoder.feed(scratch, 0, n, readStamp, readInBatchNanos, readOpen);
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
        if (decoder != null) decoder.finish(readOpen ? readStamp : now, readInBatchNanos, readOpen);
        closeRead();
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
        closeRead();
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
