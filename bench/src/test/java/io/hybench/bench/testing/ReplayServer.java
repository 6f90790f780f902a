package io.hybench.bench.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A loopback HTTP/1.1 server on a raw {@link ServerSocket} that answers with scripted bytes, exactly:
 * a recorded body is written split at given points (each piece its own HTTP chunk, flushed, with
 * TCP_NODELAY) with a delay between pieces, chunked or close-delimited, and may end by closing
 * abruptly or by stalling. No HTTP library sits between the script and the socket, so what a client
 * sees is what the script says. Records every request (method, path, headers, body) for assertions.
 */
public final class ReplayServer implements AutoCloseable {

    /** How the body's end is signalled. */
    public enum Framing { CHUNKED, CLOSE_DELIMITED, CONTENT_LENGTH }

    /** What happens after {@link Reply#stopAfterBytes} body bytes (or the whole body) were written. */
    public enum Ending {
        /** Finish the body properly (last chunk, close, or full length). */
        COMPLETE,
        /** Close the socket without finishing the body. */
        CLOSE_ABRUPTLY,
        /** Write nothing more and keep the connection open until the server closes. */
        STALL
    }

    /**
     * One scripted response.
     *
     * @param status         HTTP status; 0 means never send a response at all (the connection stays silent)
     * @param headers        extra headers, in order
     * @param body           the exact body bytes
     * @param framing        how the body length is signalled
     * @param splitPoints    body offsets where one write ends and the next begins
     * @param pieceDelay     pause before each piece after the first
     * @param stopAfterBytes body bytes to write before {@code ending} applies (the whole body when larger)
     * @param ending         what happens after that
     */
    public record Reply(int status, Map<String, String> headers, byte[] body, Framing framing,
                        List<Integer> splitPoints, Duration pieceDelay, int stopAfterBytes, Ending ending) {
        public Reply {
            headers = new LinkedHashMap<>(headers);
            splitPoints = List.copyOf(splitPoints);
        }

        public static Reply of(int status, String contentType, byte[] body) {
            return new Reply(status, Map.of("Content-Type", contentType), body, Framing.CHUNKED, List.of(),
                    Duration.ZERO, Integer.MAX_VALUE, Ending.COMPLETE);
        }

        public static Reply of(int status, String contentType, String body) {
            return of(status, contentType, body.getBytes(StandardCharsets.UTF_8));
        }

        /** Accepts the request and never answers. */
        public static Reply silence() {
            return new Reply(0, Map.of(), new byte[0], Framing.CHUNKED, List.of(), Duration.ZERO, 0, Ending.STALL);
        }

        public Reply header(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Reply(status, h, body, framing, splitPoints, pieceDelay, stopAfterBytes, ending);
        }

        public Reply framing(Framing f) {
            return new Reply(status, headers, body, f, splitPoints, pieceDelay, stopAfterBytes, ending);
        }

        public Reply splitAt(List<Integer> points, Duration delay) {
            return new Reply(status, headers, body, framing, points, delay, stopAfterBytes, ending);
        }

        public Reply stopAfter(int bytes, Ending e) {
            return new Reply(status, headers, body, framing, splitPoints, pieceDelay, bytes, e);
        }
    }

    /** A request as received. Header names are lower-cased. */
    public record RecordedRequest(String method, String path, Map<String, String> headers, String body) {
    }

    private final ServerSocket socket;
    private final Function<RecordedRequest, Reply> responder;
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    private ReplayServer(Function<RecordedRequest, Reply> responder) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.responder = responder;
        this.acceptor = Thread.ofVirtual().name("replay-accept").start(this::acceptLoop);
    }

    /** A server answering every request with {@code reply}. */
    public static ReplayServer start(Reply reply) {
        return start(r -> reply);
    }

    public static ReplayServer start(Function<RecordedRequest, Reply> responder) {
        try {
            return new ReplayServer(responder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind loopback replay server", e);
        }
    }

    /** {@code http://127.0.0.1:PORT}, the base URL for a target. */
    public URI uri() {
        return URI.create("http://" + socket.getInetAddress().getHostAddress() + ":" + socket.getLocalPort());
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                open.add(s);
                Thread.ofVirtual().name("replay-conn").start(() -> serve(s));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (true) {
                RecordedRequest req = readRequest(in);
                if (req == null) return;
                requests.add(req);
                if (!write(responder.apply(req), out)) return;
            }
        } catch (IOException | InterruptedException e) {
            // client went away or server closed: nothing to report to anyone
        } finally {
            open.remove(s);
        }
    }

    /** Writes the reply; true when the connection may carry another request. */
    private boolean write(Reply r, OutputStream out) throws IOException, InterruptedException {
        if (r.status() == 0) {
            stall();
            return false;
        }
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(r.status()).append(' ').append(reason(r.status())).append("\r\n");
        r.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        switch (r.framing()) {
            case CHUNKED -> head.append("Transfer-Encoding: chunked\r\n");
            case CLOSE_DELIMITED -> head.append("Connection: close\r\n");
            case CONTENT_LENGTH -> head.append("Content-Length: ").append(r.body().length).append("\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();

        int limit = Math.min(r.stopAfterBytes(), r.body().length);
        int from = 0;
        for (int cut : pieceEnds(r.splitPoints(), limit)) {
            if (from > 0 && !r.pieceDelay().isZero()) Thread.sleep(r.pieceDelay());
            writePiece(out, r.framing(), r.body(), from, cut - from);
            from = cut;
        }
        if (r.ending() == Ending.COMPLETE) {
            if (r.framing() == Framing.CHUNKED) out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return r.framing() != Framing.CLOSE_DELIMITED;
        }
        if (r.ending() == Ending.STALL) stall();
        return false; // CLOSE_ABRUPTLY: the socket closes when serve() returns
    }

    private static int[] pieceEnds(List<Integer> splits, int limit) {
        int[] ends = splits.stream().mapToInt(Integer::intValue).filter(p -> p > 0 && p < limit).sorted().distinct().toArray();
        ends = Arrays.copyOf(ends, ends.length + 1);
        ends[ends.length - 1] = limit;
        return ends;
    }

    private static void writePiece(OutputStream out, Framing framing, byte[] body, int from, int len) throws IOException {
        if (len == 0) return;
        if (framing == Framing.CHUNKED) out.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body, from, len);
        if (framing == Framing.CHUNKED) out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private void stall() throws InterruptedException {
        while (!socket.isClosed()) Thread.sleep(20);
    }

    private static RecordedRequest readRequest(InputStream in) throws IOException {
        String requestLine = readLine(in);
        if (requestLine == null || requestLine.isEmpty()) return null;
        String[] parts = requestLine.split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        return new RecordedRequest(parts[0], parts[1], headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') return line.toString(StandardCharsets.US_ASCII).replaceFirst("\r$", "");
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
        for (Socket s : new ArrayList<>(open)) {
            try {
                s.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
        try {
            acceptor.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
