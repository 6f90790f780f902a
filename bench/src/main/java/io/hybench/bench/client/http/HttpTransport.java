package io.hybench.bench.client.http;

import io.hybench.bench.client.ApiKey;
import io.hybench.bench.client.ClientOptions;
import io.hybench.bench.client.ErrorClass;
import io.hybench.bench.client.RecordBuilder;
import io.hybench.bench.client.RequestError;
import io.hybench.bench.client.RequestRecord;
import io.hybench.bench.client.RouteHeaders;
import io.hybench.bench.client.RunClock;
import io.hybench.bench.client.Target;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Sends one streaming POST and drives its body through a {@link StreamParser}, enforcing the
 * timeouts and mapping every failure to an {@link ErrorClass}. One per client (target): it owns a
 * JDK {@link HttpClient} speaking HTTP/1.1 (no connection cap, keep-alive reuse) whose callbacks run
 * on virtual threads. Thread-safe; each {@link #exchange} runs on its caller's thread.
 */
public final class HttpTransport implements AutoCloseable {
    private static final int MAX_ERROR_BODY_BYTES = 64 * 1024;

    private final Target target;
    private final ClientOptions options;
    private final RunClock clock;
    private final ApiKey key;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http;

    public HttpTransport(Target target, ClientOptions options, RunClock clock, ApiKey key) {
        this.target = Objects.requireNonNull(target, "target");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.key = Objects.requireNonNull(key, "key");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(options.connectTimeout())
                .executor(executor)
                .build();
    }

    public ApiKey key() {
        return key;
    }

    /** A POST of {@code json} to {@code path} under the target's base URL, with the given extra headers. */
    public HttpRequest post(String path, byte[] json, String accept, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(target.resolve(path))
                .timeout(options.firstTokenTimeout()) // covers the wait for response headers
                .header("content-type", "application/json")
                .header("accept", accept)
                .POST(HttpRequest.BodyPublishers.ofByteArray(json));
        headers.forEach(b::header);
        return b.build();
    }

    /** Sends {@code request}, streams the answer into {@code rec} through {@code parser}, and freezes the record. */
    public RequestRecord exchange(HttpRequest request, RecordBuilder rec, StreamParser parser) {
        rec.sent(clock.nanos());
        HttpResponse<BodyQueue> response;
        try {
            response = http.send(request, info -> {
                rec.headers(clock.nanos());
                rec.route(RouteHeaders.of(info.headers()));
                return new BodyQueue(clock);
            });
        } catch (HttpConnectTimeoutException e) {
            return failed(rec, ErrorClass.CONNECT, "connect timed out after " + options.connectTimeout() + " to " + target.baseUrl());
        } catch (HttpTimeoutException e) {
            return failed(rec, ErrorClass.TIMEOUT_FIRST_TOKEN, "no response headers within " + options.firstTokenTimeout());
        } catch (ConnectException e) {
            return failed(rec, ErrorClass.CONNECT, "cannot connect to " + target.baseUrl() + ": " + describe(e));
        } catch (IOException e) {
            return failed(rec, ErrorClass.DISCONNECT, "connection lost before response headers: " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(rec, ErrorClass.CANCELLED, "interrupted before response headers");
        }
        BodyQueue body = response.body();
        try {
            if (response.statusCode() / 100 == 2) stream(body, rec, parser);
            else readError(response, body, rec);
        } catch (InterruptedException e) {
            body.cancel();
            Thread.currentThread().interrupt();
            rec.fail(new RequestError(ErrorClass.CANCELLED, null, "interrupted while streaming", null), clock.nanos());
        }
        return rec.build();
    }

    private void stream(BodyQueue body, RecordBuilder rec, StreamParser parser) throws InterruptedException {
        long lastArrival = rec.sendNanos();
        while (true) {
            boolean started = rec.hasContent();
            long deadline = started ? lastArrival + options.idleTimeout().toNanos()
                    : rec.sendNanos() + options.firstTokenTimeout().toNanos();
            Delivery d = body.poll(deadline - clock.nanos());
            if (d == null) {
                body.cancel();
                if (started) fail(rec, ErrorClass.TIMEOUT_IDLE, "stream silent for " + options.idleTimeout() + " after content began");
                else fail(rec, ErrorClass.TIMEOUT_FIRST_TOKEN, "no content within " + options.firstTokenTimeout() + " of sending");
                return;
            }
            lastArrival = d.arrivalNanos();
            try {
                switch (d) {
                    case Delivery.Bytes b -> parser.accept(b.bytes(), b.arrivalNanos());
                    case Delivery.Complete c -> {
                        parser.endOfStream(c.arrivalNanos());
                        if (!parser.done()) {
                            rec.fail(new RequestError(ErrorClass.DISCONNECT, null,
                                    "stream ended without " + parser.endMarker(), null), c.arrivalNanos());
                        }
                        return;
                    }
                    case Delivery.Failed f -> {
                        rec.fail(new RequestError(ErrorClass.DISCONNECT, null, key.redact(
                                "connection lost mid-stream before " + parser.endMarker() + ": " + describe(f.cause())), null),
                                f.arrivalNanos());
                        return;
                    }
                }
            } catch (MalformedStreamException e) {
                body.cancel();
                rec.fail(new RequestError(ErrorClass.MALFORMED_STREAM, null, key.redact(e.getMessage()), null), d.arrivalNanos());
                return;
            }
            if (parser.done()) {
                drain(body);
                return;
            }
        }
    }

    /** Reads the rest of a finished stream so the connection can be reused; closes it if it lingers. */
    private void drain(BodyQueue body) throws InterruptedException {
        long deadline = clock.nanos() + options.idleTimeout().toNanos();
        while (true) {
            Delivery d = body.poll(deadline - clock.nanos());
            if (d == null) {
                body.cancel();
                return;
            }
            if (!(d instanceof Delivery.Bytes)) return;
        }
    }

    private void readError(HttpResponse<BodyQueue> response, BodyQueue body, RecordBuilder rec) throws InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long deadline = clock.nanos() + options.idleTimeout().toNanos();
        while (true) {
            Delivery d = body.poll(deadline - clock.nanos());
            if (d instanceof Delivery.Bytes b) {
                bytes.write(b.bytes(), 0, Math.min(b.bytes().length, MAX_ERROR_BODY_BYTES - bytes.size()));
                if (bytes.size() < MAX_ERROR_BODY_BYTES) continue;
            }
            if (!(d instanceof Delivery.Complete)) body.cancel(); // timed out, failed, or too long: keep what came
            break;
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        rec.fail(ErrorMapping.httpError(response.statusCode(), response.headers(), text, key), clock.nanos());
    }

    private RequestRecord failed(RecordBuilder rec, ErrorClass c, String message) {
        fail(rec, c, message);
        return rec.build();
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
        http.close();
        executor.close();
    }
}
