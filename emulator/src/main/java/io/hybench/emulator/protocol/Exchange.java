package io.hybench.emulator.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One HTTP/1.1 request on a connection and its response. Every method runs on the connection's event
 * loop; writes are buffered until {@link #flush()}, so one flush sends what is due in one system call.
 * Responses carry the headers Go's and uvicorn's servers send: Date, Content-Type, then
 * Transfer-Encoding: chunked for streams or Content-Length for whole bodies.
 */
public final class Exchange {
    private static final short CRLF = ('\r' << 8) | '\n';
    /** Hex digits of a chunk's size (up to 8) and two CRLFs around its data. */
    private static final int CHUNK_FRAMING = 12;

    private final Channel channel;
    /** The HTTP codec's context: a write from it enters the pipeline below the codec's encoder. */
    private final ChannelHandlerContext belowEncoder;
    private final String method;
    private final String path;
    private final HttpHeaders headers;
    private final byte[] body;
    private final boolean keepAlive;
    private final Consumer<Exchange> completed;
    private Runnable onClose;
    private boolean chunked;
    private boolean ended;
    private boolean cut;

    Exchange(Channel channel, FullHttpRequest request, Consumer<Exchange> completed) {
        this.channel = channel;
        this.belowEncoder = channel.pipeline().context(HttpServerCodec.class);
        this.method = request.method().name();
        String uri = request.uri();
        int query = uri.indexOf('?');
        this.path = query < 0 ? uri : uri.substring(0, query);
        this.headers = request.headers();
        this.body = ByteBufUtil.getBytes(request.content());
        this.keepAlive = HttpUtil.isKeepAlive(request);
        this.completed = completed;
    }

    String method() {
        return method;
    }

    String path() {
        return path;
    }

    HttpHeaders headers() {
        return headers;
    }

    byte[] body() {
        return body;
    }

    boolean keepAlive() {
        return keepAlive;
    }

    EventLoop eventLoop() {
        return channel.eventLoop();
    }

    /** Whether a write can still reach the client (the connection is up and the response not ended). */
    boolean open() {
        return channel.isActive() && !ended && !cut;
    }

    /** Runs {@code action} once when the connection closes before the response ended (now, if it has). */
    void whenClosed(Runnable action) {
        if (!channel.isActive()) action.run();
        else onClose = action;
    }

    /** The connection closed: the client went away or a fault cut it. */
    void closed() {
        Runnable action = onClose;
        onClose = null;
        if (action != null && !ended) action.run();
    }

    /** 200 headers of a chunked stream. */
    void streamHeaders(String contentType) {
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        common(response.headers(), contentType).set("Transfer-Encoding", "chunked");
        chunked = true;
        channel.write(response);
    }

    /**
     * One HTTP chunk of the stream, exactly these bytes. It is framed here (size in hex, CRLF, data, CRLF, as the
     * encoder frames it) into one pooled direct buffer written below the encoder: one buffer and one {@code write}
     * per token instead of the encoder's three buffers, a heap-to-direct copy and a {@code writev}. The encoder's
     * state is untouched: it sent the chunked headers and sends the terminator. No promise per token: nobody waits
     * on one, and a failed write reaches {@link HttpConnection#exceptionCaught}, which closes the connection.
     */
    void chunk(byte[] bytes) {
        if (bytes.length == 0) return; // an empty chunk would end the stream; the encoder writes none either
        belowEncoder.write(framed(channel.alloc(), bytes), channel.voidPromise());
    }

    /** {@code bytes} (not empty) framed as one chunk of a chunked body. */
    static ByteBuf framed(ByteBufAllocator alloc, byte[] bytes) {
        ByteBuf out = alloc.directBuffer(bytes.length + CHUNK_FRAMING);
        // the size in hex without leading zeros, from the highest nibble that has a bit set
        for (int shift = (Integer.SIZE - 1 - Integer.numberOfLeadingZeros(bytes.length)) & ~3; shift >= 0; shift -= 4) {
            out.writeByte(Character.forDigit((bytes.length >>> shift) & 0xf, 16));
        }
        return out.writeShort(CRLF).writeBytes(bytes).writeShort(CRLF);
    }

    /** A complete response with Content-Length. */
    void whole(int status, String contentType, Map<String, String> extra, byte[] bytes) {
        var response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                Unpooled.wrappedBuffer(bytes));
        HttpHeaders h = common(response.headers(), contentType);
        extra.forEach(h::set);
        h.set("Content-Length", bytes.length);
        channel.write(response);
    }

    /** Writes a whole response now and completes the exchange (routes that are not timed). */
    void respond(int status, String contentType, String text) {
        whole(status, contentType, Map.of(), text.getBytes(StandardCharsets.UTF_8));
        end();
        flush();
        complete();
    }

    void flush() {
        channel.flush();
    }

    /** Ends the response: a stream gets its terminating chunk. */
    void end() {
        if (ended) return;
        if (chunked) channel.write(LastHttpContent.EMPTY_LAST_CONTENT);
        ended = true;
    }

    /** After the last flush: the connection serves its next request, or closes without keep-alive. */
    void complete() {
        onClose = null;
        completed.accept(this);
    }

    /**
     * Closes the connection once what was written has left (fault injection, or no keep-alive); a stream
     * cut this way ends without its terminating chunk.
     */
    void cut() {
        cut = true;
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    private static HttpHeaders common(HttpHeaders h, String contentType) {
        return h.set("Date", DateFormatter.format(new Date()))
                .set("Content-Type", contentType);
    }
}
