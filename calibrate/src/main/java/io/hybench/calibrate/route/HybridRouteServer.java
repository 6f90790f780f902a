package io.hybench.calibrate.route;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.hybench.bench.client.RequestRecord;
import io.hybench.bench.client.RunClock;
import io.hybench.bench.client.Target;
import io.hybench.bench.client.TokenLogprob;
import io.hybench.calibrate.collect.signals.Signal;
import io.hybench.calibrate.cost.ModelPrice;
import io.hybench.calibrate.cost.PriceFile;
import io.hybench.calibrate.export.RouterSpec;
import io.hybench.calibrate.policy.Policy;
import io.hybench.calibrate.policy.Route;
import io.hybench.calibrate.router.HybridRouter;
import io.hybench.calibrate.router.SpillOver;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code hybench route}: an OpenAI-compatible endpoint that applies a calibrated router spec with
 * {@link HybridRouter}'s decision code (docs/router.md). A cascade asks the local side with logprobs,
 * scores the answer as collect scored its rows ({@link LiveConfidence}), and keeps it or escalates to the
 * cloud; a local side at its in-flight limit spills straight to the cloud ({@link SpillOver}). Every
 * answer says where it came from ({@code x-hybench-route}, {@code x-hybench-confidence},
 * {@code x-hybench-decision-us}); {@code /metrics} counts it.
 *
 * <p>Same server technology as the emulator: the JDK's HTTP server, one platform thread per exchange,
 * TCP_NODELAY on. Upstream answers arrive on the exchange's own blocking call; an escalated stream is
 * relayed from a second thread through a queue so each part goes out as it arrives.
 */
public final class HybridRouteServer implements AutoCloseable {
    private static final int BACKLOG = 4096;
    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    static {
        if (System.getProperty(NO_DELAY) == null) System.setProperty(NO_DELAY, "true");
    }

    /**
     * What to serve.
     *
     * @param spec      the router spec (a cascade on the mean token logprob: see {@link #requireLive})
     * @param spill     the local admission rule, or null for no limit
     * @param prices    list prices for the cost counters, or null
     * @param span      which tokens the live confidence averages (collect's answer span by default)
     * @param modelName the model id {@code /v1/models} lists
     */
    public record Config(RouterSpec spec, Target local, Target cloud, SpillOver spill, PriceFile prices, LiveConfidence.Span span,
                         String modelName) {
        public Config {
            requireLive(spec);
        }

        public Config(RouterSpec spec, Target local, Target cloud, SpillOver spill, PriceFile prices) {
            this(spec, local, cloud, spill, prices, LiveConfidence.Span.ANSWER, "hybrid");
        }
    }

    private final Config config;
    private final HybridRouter router;
    private final Upstream local, cloud;
    private final LocalGate gate;
    private final RouteMetrics metrics;
    private final HttpServer server;
    private final ExecutorService exchanges, relays;
    private final AtomicLong ids = new AtomicLong();
    private final long created = System.currentTimeMillis() / 1000;

    private HybridRouteServer(Config config, int port) throws IOException {
        this.config = config;
        this.router = HybridRouter.of(config.spec());
        RunClock clock = RunClock.startingNow();
        this.local = new Upstream(config.local(), clock);
        this.cloud = new Upstream(config.cloud(), clock);
        this.gate = new LocalGate(config.spill());
        Map<RouteMetrics.Side, ModelPrice> prices = new EnumMap<>(RouteMetrics.Side.class);
        if (config.prices() != null) {
            config.prices().price(config.local().model()).ifPresent(p -> prices.put(RouteMetrics.Side.LOCAL, p));
            config.prices().price(config.cloud().model()).ifPresent(p -> prices.put(RouteMetrics.Side.CLOUD, p));
        }
        this.metrics = new RouteMetrics(prices);
        // load the decision path (answer pattern, confidence, threshold) now, so the first request's decision time is not class loading
        router.afterLocalAnswer(LiveConfidence.of("Answer: 0", List.of(new TokenLogprob("Answer: 0", -0.1, List.of())), config.span()));
        this.exchanges = Executors.newCachedThreadPool(Thread.ofPlatform().name("route-exchange-", 1).daemon().factory());
        this.relays = Executors.newVirtualThreadPerTaskExecutor();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), BACKLOG);
        server.setExecutor(exchanges);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts on loopback {@code port} (0: any free port). */
    public static HybridRouteServer start(Config config, int port) {
        try {
            return new HybridRouteServer(config, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on port " + port + ": " + e.getMessage(), e);
        }
    }

    /**
     * Refuses a spec the router cannot apply live, with the reason: a pre-generation router score
     * (pre-route, two-stage) has no live source here, and the cascade needs a confidence the router can
     * compute from the answer's token logprobs, i.e. collect's {@code mean_logprob}.
     */
    public static void requireLive(RouterSpec spec) {
        switch (spec.routing().policy()) {
            case Policy.Cascade c -> {
                String column = spec.routing().scoreColumns().get(c.confidenceScore());
                if (!Signal.MEAN_LOGPROB.names(column)) {
                    throw new IllegalArgumentException("router spec: the cascade's confidence column '" + column + "' cannot be computed live;"
                            + " hybench route scores an answer by its mean token logprob (calibrate on a *_mean_logprob column)");
                }
            }
            case Policy.PreRoute p -> throw preGeneration("pre-route", spec.routing().scoreColumns().get(p.routerScore()));
            case Policy.TwoStage t -> throw preGeneration("two-stage", spec.routing().scoreColumns().get(t.routerScore()));
        }
    }

    private static IllegalArgumentException preGeneration(String kind, String column) {
        return new IllegalArgumentException("router spec: the " + kind + " policy needs the pre-generation score '" + column
                + "' for every query, which hybench route cannot compute live (it has no router model); calibrate a cascade,"
                + " or use the LiteLLM hook, which takes a client-computed metadata.hybench_router_score");
    }

    public URI baseUrl() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
    }

    /** Requests answered by {@code route} so far. */
    public long answered(RouteTaken route) {
        return metrics.count(route);
    }

    @Override
    public void close() {
        server.stop(0);
        exchanges.shutdownNow();
        relays.shutdownNow();
        local.close();
        cloud.close();
    }

    private void handle(HttpExchange ex) {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            switch (path) {
                case "/v1/chat/completions" -> {
                    if (method.equals("POST")) chat(ex);
                    else error(ex, 405, "use POST for " + path, "invalid_request_error", null);
                }
                case "/v1/models" -> send(ex, 200, "application/json", OpenAiWire.models(config.modelName(), created));
                case "/metrics" -> send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.render().getBytes(StandardCharsets.UTF_8));
                case "/health" -> send(ex, 200, "application/json", String.format(Locale.ROOT,
                        "{\"status\":\"ok\",\"local\":\"%s\",\"cloud\":\"%s\"}", config.local().name(), config.cloud().name())
                        .getBytes(StandardCharsets.UTF_8));
                default -> error(ex, 404, "no route for " + method + " " + path, "invalid_request_error", null);
            }
        } catch (IOException e) {
            // the client went away mid-answer; nothing left to tell it
        } catch (RuntimeException e) {
            System.err.println("hybench route: " + ex.getRequestMethod() + " " + ex.getRequestURI() + " failed: " + e);
            if (ex.getResponseCode() == -1) {
                try {
                    error(ex, 500, "hybench route failed: " + e.getMessage(), "server_error", null);
                } catch (IOException gone) {
                    // the client went away too
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One request's route: the decision and what it was based on. */
    private static final class Decision {
        RouteTaken route;
        double confidence = Double.NaN;
        long decisionNanos;
    }

    private void chat(HttpExchange ex) throws IOException, InterruptedException {
        ChatRequest req;
        try {
            req = ChatRequest.parse(ex.getRequestBody().readAllBytes());
        } catch (ChatRequest.BadRequest e) {
            metrics.badRequest();
            error(ex, 400, e.getMessage(), "invalid_request_error", e.param());
            return;
        }
        String id = "chatcmpl-hybench-" + ids.incrementAndGet();
        OpenAiWire wire = new OpenAiWire(id, req.model(), System.currentTimeMillis() / 1000);
        Decision d = new Decision();
        RequestRecord localAnswer = null;
        LocalGate.Admission admission = gate.admit();
        if (!admission.admitted()) {
            d.route = RouteTaken.SPILLED;
            d.decisionNanos = admission.decisionNanos();
        } else {
            RequestRecord r;
            metrics.started(RouteMetrics.Side.LOCAL);
            try {
                r = local.call(req.upstream(id + "-local", true, local.defaultMaxTokens()), null);
            } finally {
                gate.release();
            }
            metrics.ended(RouteMetrics.Side.LOCAL, r);
            if (!r.succeeded()) {
                d.route = RouteTaken.FALLBACK;
            } else {
                long start = System.nanoTime();
                d.confidence = LiveConfidence.of(r.text(), r.logprobs(), config.span());
                d.route = Double.isNaN(d.confidence) ? RouteTaken.FALLBACK
                        : router.afterLocalAnswer(d.confidence) == Route.LOCAL ? RouteTaken.LOCAL : RouteTaken.ESCALATED;
                d.decisionNanos = admission.decisionNanos() + (System.nanoTime() - start);
                localAnswer = r;
            }
        }
        metrics.decision(d.decisionNanos);
        if (d.route == RouteTaken.LOCAL) {
            answer(ex, req, wire, d, localAnswer);
            return;
        }
        if (req.stream()) relayCloud(ex, req, wire, d, localAnswer, id);
        else cloudWhole(ex, req, wire, d, localAnswer, id);
    }

    private void cloudWhole(HttpExchange ex, ChatRequest req, OpenAiWire wire, Decision d, RequestRecord localAnswer, String id) throws IOException {
        metrics.started(RouteMetrics.Side.CLOUD);
        RequestRecord c = cloud.call(req.upstream(id + "-cloud", false, cloud.defaultMaxTokens()), null);
        metrics.ended(RouteMetrics.Side.CLOUD, c);
        if (c.succeeded()) answer(ex, req, wire, d, c);
        else cloudFailed(ex, req, wire, d, localAnswer, c);
    }

    /** Streams the cloud's answer part by part as it arrives; headers go out with the first part, so a cloud failing before any content can still be answered locally. */
    private void relayCloud(HttpExchange ex, ChatRequest req, OpenAiWire wire, Decision d, RequestRecord localAnswer, String id)
            throws IOException, InterruptedException {
        LinkedBlockingQueue<String> parts = new LinkedBlockingQueue<>();
        String end = new String("end"); // identity sentinel
        metrics.started(RouteMetrics.Side.CLOUD);
        Future<RequestRecord> call = relays.submit(() -> {
            try {
                return cloud.call(req.upstream(id + "-cloud", false, cloud.defaultMaxTokens()), parts::add);
            } finally {
                parts.add(end);
            }
        });
        OutputStream out = null;
        for (String part = parts.take(); part != end; part = parts.take()) {
            if (out == null) {
                out = startStream(ex, d, wire);
            }
            out.write(wire.contentChunk(part));
            out.flush();
        }
        RequestRecord c;
        try {
            c = call.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cloud relay failed", e.getCause());
        }
        metrics.ended(RouteMetrics.Side.CLOUD, c);
        if (c.succeeded()) {
            if (out == null) out = startStream(ex, d, wire);
            finishStream(out, req, wire, c);
        } else if (out == null) {
            cloudFailed(ex, req, wire, d, localAnswer, c);
        } else {
            metrics.unanswered(); // counted under its route too: the headers had gone out
            out.write(OpenAiWire.errorEvent("the cloud stream failed: " + c.error().message(), "upstream_error"));
            out.flush(); // no [DONE]: a stream without its terminator failed
        }
    }

    private void cloudFailed(HttpExchange ex, ChatRequest req, OpenAiWire wire, Decision d, RequestRecord localAnswer, RequestRecord c)
            throws IOException {
        if (localAnswer != null) {
            d.route = RouteTaken.LOCAL_DEGRADED;
            answer(ex, req, wire, d, localAnswer);
            return;
        }
        metrics.unanswered();
        String localWhy = d.route == RouteTaken.SPILLED ? "local was at its in-flight limit" : "local failed";
        error(ex, 502, localWhy + " and the cloud failed: " + c.error().message(), "upstream_error", null);
    }

    /** A whole answer from one side: JSON, or a stream of its text (split at the server's token boundaries when they spell it). */
    private void answer(HttpExchange ex, ChatRequest req, OpenAiWire wire, Decision d, RequestRecord r) throws IOException {
        if (!req.stream()) {
            routeHeaders(ex, d);
            send(ex, 200, "application/json", wire.completion(r));
            return;
        }
        // the whole answer is at hand: one buffered burst, not a write per token
        OutputStream out = new java.io.BufferedOutputStream(startStream(ex, d, wire), 1 << 16);
        for (String part : parts(r)) {
            out.write(wire.contentChunk(part));
        }
        finishStream(out, req, wire, r);
    }

    /** Sends the headers and the role chunk; the caller flushes (the role chunk goes out with the first content). */
    private OutputStream startStream(HttpExchange ex, Decision d, OpenAiWire wire) throws IOException {
        routeHeaders(ex, d);
        ex.getResponseHeaders().set("content-type", "text/event-stream");
        ex.getResponseHeaders().set("cache-control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        out.write(wire.roleChunk());
        return out;
    }

    private void finishStream(OutputStream out, ChatRequest req, OpenAiWire wire, RequestRecord r) throws IOException {
        out.write(wire.finishChunk(r));
        if (req.includeUsage()) out.write(wire.usageChunk(r));
        out.write(OpenAiWire.DONE);
        out.flush();
    }

    /** The answer text in the pieces the server's tokens give it, when they spell it; else one piece. */
    private static List<String> parts(RequestRecord r) {
        if (r.text().isEmpty()) return List.of();
        StringBuilder spelled = new StringBuilder();
        r.logprobs().forEach(t -> spelled.append(t.token()));
        if (!r.logprobs().isEmpty() && spelled.toString().equals(r.text())) {
            return r.logprobs().stream().map(TokenLogprob::token).filter(s -> !s.isEmpty()).toList();
        }
        return List.of(r.text());
    }

    /** Every answer passes here once, just before its headers go out: it is counted under its route. */
    private void routeHeaders(HttpExchange ex, Decision d) {
        metrics.answered(d.route);
        ex.getResponseHeaders().set("x-hybench-route", d.route.header());
        ex.getResponseHeaders().set("x-hybench-confidence", String.format(Locale.ROOT, "%s", d.confidence));
        ex.getResponseHeaders().set("x-hybench-decision-us", String.format(Locale.ROOT, "%.3f", d.decisionNanos / 1e3));
    }

    private static void error(HttpExchange ex, int status, String message, String type, String param) throws IOException {
        send(ex, status, "application/json", OpenAiWire.errorBody(message, type, param));
    }

    private static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        ex.getResponseHeaders().set("content-type", contentType);
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
    }
}
