package io.hybench.bench.client.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybench.bench.client.ApiKey;
import io.hybench.bench.client.ClientOptions;
import io.hybench.bench.client.ErrorClass;
import io.hybench.bench.client.RecordBuilder;
import io.hybench.bench.client.RequestError;
import io.hybench.bench.client.RequestRecord;
import io.hybench.bench.client.RouteHeaders;
import io.hybench.bench.client.RunClock;
import io.hybench.bench.client.StreamingClient;
import io.hybench.bench.client.Target;
import io.hybench.bench.client.http.Exchange.Outcome;
import io.hybench.core.mapper.Json;
import io.netty.channel.ConnectTimeoutException;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Sends one streaming POST and reads its answer into a {@link RequestRecord}, enforcing the timeouts and
 * mapping every failure to an {@link ErrorClass}. One per client (target), over a keep-alive
 * {@link ConnectionPool} on the shared Netty I/O threads ({@link IoLoops}), which stamp every read and
 * cut the body into frames; the awaiting thread reads the frames' JSON ({@link StreamParser#onFrame})
 * when woken, never between a read and its stamp. Thread-safe; a request may be {@link #start started} on
 * one thread and awaited on another. Every request carries its id in {@value #REQUEST_ID_HEADER}, so a server's own log (the
 * emulator's truth file) can be joined with the results ({@code hybench score}).
 */
public final class HttpTransport implements AutoCloseable {
    /** Not {@code x-request-id}: vLLM takes that as its own request id and refuses one already running. */
    public static final String REQUEST_ID_HEADER = "x-hybench-request-id";

    private final Target target;
    private final ClientOptions options;
    private final RunClock clock;
    private final ApiKey key;
    private final ConnectionPool pool;
    private final Map<String, String> targetHeaders;
    private final Map<String, JsonNode> extraBody; // the target's extra body fields as trees, made once; never changed

    public HttpTransport(Target target, ClientOptions options, RunClock clock, ApiKey key) {
        this.target = Objects.requireNonNull(target, "target");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.key = Objects.requireNonNull(key, "key");
        this.targetHeaders = target.resolvedHeaders(System::getenv);
        Map<String, JsonNode> extra = new LinkedHashMap<>();
        target.extraBody().forEach((k, v) -> extra.put(k, Json.MAPPER.valueToTree(v)));
        this.extraBody = Collections.unmodifiableMap(extra);
        this.pool = new ConnectionPool(target, options, clock);
    }

    public ApiKey key() {
        return key;
    }

    /**
     * One POST of a JSON body.
     *
     * @param requestTarget path and query as sent on the request line
     */
    public record Post(String requestTarget, byte[] json, String accept, Map<String, String> headers) {
    }

    /**
     * Where a client's requests of one kind go and the headers they carry, resolved once per client rather than per
     * request (URL parsing and header maps were a tenth of the request threads' time at 1,000 streams: docs/performance.md).
     *
     * @param path          the protocol's path, e.g. {@code /v1/chat/completions}
     * @param requestTarget path and query under the target's base URL, as sent on the request line
     * @param headers       the protocol's headers, then the target's extra headers
     */
    public record Endpoint(String path, String requestTarget, String accept, Map<String, String> headers) {
    }

    /** The endpoint {@code path} under the target's base URL with the protocol's {@code headers}; the target's extra headers come last. */
    public Endpoint endpoint(String path, String accept, Map<String, String> headers) {
        URI uri = target.resolve(path);
        String requestTarget = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(targetHeaders);
        return new Endpoint(path, requestTarget, accept, Map.copyOf(all));
    }

    /** A POST of {@code body} to {@code endpoint}; the target's extra body fields replace the client's. */
    public Post post(Endpoint endpoint, ObjectNode body) {
        extraBody.forEach(body::set);
        byte[] json;
        try {
            json = Json.REQUEST_THREADS_MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a request to " + endpoint.path(), e);
        }
        return new Post(endpoint.requestTarget(), json, endpoint.accept(), endpoint.headers());
    }

    /**
     * Sends {@code post} now (its bytes go to the connection's I/O thread) and returns; awaiting the result streams the
     * answer into {@code rec} through {@code parser} and freezes the record, on the awaiting thread.
     */
    public StreamingClient.Sent start(Post post, RecordBuilder rec, StreamParser parser) {
        rec.sent(clock.nanos());
        Exchange ex = new Exchange(post, rec.request().requestId(), parser);
        LatencyStamps stamps = new LatencyStamps(ex, clock);
        rec.timingUncertainty(stamps::uncertainty);
        pool.send(ex);
        return () -> await(ex, rec, parser, stamps);
    }

    private RequestRecord await(Exchange ex, RecordBuilder rec, StreamParser parser, LatencyStamps stamps) {
        ex.awaitedBy(Thread.currentThread());
        long firstTokenDeadline = rec.sendNanos() + options.firstTokenTimeout().toNanos();
        while (true) {
            Outcome outcome = ex.outcome();
            Exchange.Response response = ex.response();
            if (response != null) {
                rec.headers(response.nanos());
                rec.route(RouteHeaders.of(response.headers()::get));
            }
            for (RawFrame f; !parser.done() && (f = ex.nextFrame()) != null; ) {
                boolean hadContent = rec.hasContent();
                int chunks = rec.contentChunks();
                try {
                    parser.onFrame(f);
                    stamps.read(f, rec.contentChunks() > chunks, !hadContent && rec.hasContent(), parser.done());
                } catch (MalformedStreamException e) {
                    pool.abandon(ex);
                    rec.fail(new RequestError(ErrorClass.MALFORMED_STREAM, null, key.redact(e.getMessage()), null), f.arrivalNanos());
                    return rec.build();
                }
            }
            if (parser.done()) {
                if (outcome == null) pool.abandonLater(ex, options.idleTimeout().toNanos());
                return rec.build();
            }
            if (outcome != null) {
                ended(outcome, response, rec, parser);
                return rec.build();
            }
            long deadline = rec.hasContent() ? ex.lastReadNanos() + options.idleTimeout().toNanos() : firstTokenDeadline;
            long left = deadline - clock.nanos();
            if (left <= 0 && ex.outcome() == null) {
                pool.abandon(ex);
                if (rec.hasContent()) fail(rec, ErrorClass.TIMEOUT_IDLE, "stream silent for " + options.idleTimeout() + " after content began");
                else if (response == null) fail(rec, ErrorClass.TIMEOUT_FIRST_TOKEN, "no response headers within " + options.firstTokenTimeout());
                else fail(rec, ErrorClass.TIMEOUT_FIRST_TOKEN, "no content within " + options.firstTokenTimeout() + " of sending");
                return rec.build();
            }
            if (left > 0 && !ex.await(left)) {
                pool.abandon(ex);
                fail(rec, ErrorClass.CANCELLED, ex.response() == null ? "interrupted before response headers" : "interrupted while streaming");
                return rec.build();
            }
        }
    }

    /** A body that cannot be any protocol's stream: an HTML page (captive portal, proxy error) in place of SSE or NDJSON. */
    private static boolean notAStream(Exchange.Response response) {
        String type = response == null ? null : response.headers().get("content-type");
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("text/html");
    }

    private void ended(Outcome outcome, Exchange.Response response, RecordBuilder rec, StreamParser parser) {
        switch (outcome) {
            case Outcome.Ended e -> rec.fail(notAStream(response)
                    ? new RequestError(ErrorClass.MALFORMED_STREAM, null, "HTTP " + response.status() + " answered with "
                            + response.headers().get("content-type") + ", not a stream (a proxy or login page?)", null)
                    : new RequestError(ErrorClass.DISCONNECT, null, "stream ended without " + parser.endMarker(), null), e.nanos());
            case Outcome.ErrorBody b -> rec.fail(ErrorMapping.httpError(response.status(), response.headers()::get,
                    new String(b.body(), StandardCharsets.UTF_8), key), b.nanos());
            case Outcome.ConnectFailed c -> fail(rec, ErrorClass.CONNECT, c.cause() instanceof ConnectTimeoutException
                    ? "connect timed out after " + options.connectTimeout() + " to " + target.baseUrl()
                    : "cannot connect to " + target.baseUrl() + ": " + describe(c.cause()));
            case Outcome.Lost l -> rec.fail(new RequestError(ErrorClass.DISCONNECT, null, key.redact(response == null
                    ? "connection lost before response headers: " + describe(l.cause())
                    : "connection lost mid-stream before " + parser.endMarker() + ": " + describe(l.cause())), null), l.nanos());
        }
    }

    private void fail(RecordBuilder rec, ErrorClass c, String message) {
        rec.fail(new RequestError(c, null, key.redact(message), null), clock.nanos());
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : " (" + m + ")");
    }

    @Override
    public void close() {
        pool.close();
    }
}
