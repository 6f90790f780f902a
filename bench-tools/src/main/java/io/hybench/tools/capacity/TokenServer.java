package io.hybench.tools.capacity;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.PriorityQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal OpenAI-style SSE token server on one NIO thread, run in its own JVM by
 * {@link HarnessCapacityBenchmark} so its CPU is not the harness's. Every token's text is the
 * {@link System#nanoTime()} read just before its bytes were written (" t123456789"), so the harness's
 * timing error is measured against the real write time, however late the server is.
 *
 * <p>Answers every POST with {@code max_tokens} tokens, one per chunk, {@code G} ms apart, where the
 * model name ends in {@code every-Gms}; HTTP/1.1 keep-alive, chunked encoding. Usage: {@code TokenServer PORT}
 * (0: any); prints {@code listening PORT} and serves until its standard input closes.
 */
public final class TokenServer {
    private static final Pattern MAX_TOKENS = Pattern.compile("\"max_tokens\"\\s*:\\s*(\\d+)");
    private static final Pattern GAP = Pattern.compile("every-(\\d+)ms");
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)content-length:\\s*(\\d+)");
    private static final byte[] HEADERS = ("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final String FINISH = "data: {\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{},"
            + "\"finish_reason\":\"length\"}]}\n\ndata: [DONE]\n\n";

    private final Selector selector;
    private final PriorityQueue<Conn> due = new PriorityQueue<>((a, b) -> Long.compare(a.nextNanos, b.nextNanos));

    private static final class Conn {
        final SocketChannel channel;
        final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
        int tokensLeft;
        int tokenIndex;
        long gapNanos;
        long startNanos;
        long nextNanos;

        Conn(SocketChannel channel) {
            this.channel = channel;
        }
    }

    private TokenServer(Selector selector) {
        this.selector = selector;
    }

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        Selector selector = Selector.open();
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 4096);
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
        System.out.println("listening " + ((InetSocketAddress) server.getLocalAddress()).getPort());
        System.out.flush();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the parent keeps stdin open while it wants the server
                }
            } catch (IOException ignored) {
                // parent gone
            }
            System.exit(0);
        });
        new TokenServer(selector).serve();
    }

    private void serve() throws IOException {
        while (true) {
            Conn next = due.peek();
            long waitMs = next == null ? 0 : Math.max(1, (next.nextNanos - System.nanoTime()) / 1_000_000L);
            if (next != null && next.nextNanos <= System.nanoTime()) selector.selectNow();
            else selector.select(waitMs);
            Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
            while (keys.hasNext()) {
                SelectionKey k = keys.next();
                keys.remove();
                if (!k.isValid()) continue;
                if (k.isAcceptable()) accept(k);
                else {
                    Conn c = (Conn) k.attachment();
                    if (k.isReadable()) read(c, k);
                    if (k.isValid() && k.isWritable()) flush(c, k);
                }
            }
            long now = System.nanoTime();
            while ((next = due.peek()) != null && next.nextNanos <= now) {
                due.poll();
                emit(next);
                now = System.nanoTime();
            }
        }
    }

    private void accept(SelectionKey k) throws IOException {
        SocketChannel ch = ((ServerSocketChannel) k.channel()).accept();
        if (ch == null) return;
        ch.configureBlocking(false);
        ch.socket().setTcpNoDelay(true);
        ch.register(selector, SelectionKey.OP_READ, new Conn(ch));
    }

    private void read(Conn c, SelectionKey k) {
        try {
            if (c.channel.read(c.in) < 0) {
                close(c, k);
                return;
            }
        } catch (IOException e) {
            close(c, k);
            return;
        }
        String text = new String(c.in.array(), 0, c.in.position(), StandardCharsets.ISO_8859_1);
        int headerEnd = text.indexOf("\r\n\r\n");
        if (headerEnd < 0) return;
        Matcher len = CONTENT_LENGTH.matcher(text.substring(0, headerEnd));
        int bodyLength = len.find() ? Integer.parseInt(len.group(1)) : 0;
        int total = headerEnd + 4 + bodyLength;
        if (c.in.position() < total) return;
        String body = text.substring(headerEnd + 4, total);
        c.in.position(0);
        Matcher max = MAX_TOKENS.matcher(body);
        Matcher gap = GAP.matcher(body);
        c.tokensLeft = max.find() ? Integer.parseInt(max.group(1)) : 16;
        c.gapNanos = (gap.find() ? Long.parseLong(gap.group(1)) : 20) * 1_000_000L;
        c.tokenIndex = 0;
        c.startNanos = System.nanoTime();
        c.nextNanos = c.startNanos + c.gapNanos;
        send(c, ByteBuffer.wrap(HEADERS));
        due.add(c);
    }

    /** Writes the connection's next token (or its end), stamped with the time just before the write. */
    private void emit(Conn c) {
        if (!c.channel.isOpen()) return;
        if (c.tokensLeft == 0) {
            send(c, chunk(FINISH));
            send(c, ByteBuffer.wrap("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            return;
        }
        String data = "data: {\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" t"
                + System.nanoTime() + "\"},\"finish_reason\":null}]}\n\n";
        send(c, chunk(data));
        c.tokensLeft--;
        c.tokenIndex++;
        c.nextNanos = c.startNanos + (c.tokenIndex + 1) * c.gapNanos;
        due.add(c);
    }

    private static ByteBuffer chunk(String data) {
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.wrap((Integer.toHexString(bytes.length) + "\r\n" + data + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private void send(Conn c, ByteBuffer b) {
        c.out.add(b);
        SelectionKey k = c.channel.keyFor(selector);
        flush(c, k);
    }

    private void flush(Conn c, SelectionKey k) {
        try {
            while (!c.out.isEmpty()) {
                ByteBuffer b = c.out.peek();
                c.channel.write(b);
                if (b.hasRemaining()) break;
                c.out.poll();
            }
            if (k != null && k.isValid()) k.interestOps(c.out.isEmpty() ? SelectionKey.OP_READ : SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        } catch (IOException e) {
            close(c, k);
        }
    }

    private void close(Conn c, SelectionKey k) {
        due.remove(c);
        if (k != null) k.cancel();
        try {
            c.channel.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
