package io.hybench.calibrate.route;

import io.hybench.bench.client.RequestRecord;
import io.hybench.calibrate.cost.ModelPrice;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * What {@code GET /metrics} reports, in Prometheus text format (docs/router.md lists every series):
 * requests per route, bad requests, requests neither side could answer, the decision-time histogram,
 * in-flight requests per side, tokens and (with a price file) USD per side. Lock-free; updated on the
 * exchange threads.
 */
final class RouteMetrics {
    /** Histogram bounds of the decision time, seconds: 1 µs to 10 ms. */
    static final double[] DECISION_BOUNDS = {1e-6, 2e-6, 5e-6, 1e-5, 2e-5, 5e-5, 1e-4, 2e-4, 5e-4, 1e-3, 1e-2};

    enum Side { LOCAL, CLOUD }

    private final Map<RouteTaken, LongAdder> routes = new EnumMap<>(RouteTaken.class);
    private final LongAdder badRequests = new LongAdder(), unanswered = new LongAdder();
    private final LongAdder[] decisionBuckets = new LongAdder[DECISION_BOUNDS.length + 1];
    private final LongAdder decisionNanos = new LongAdder(), decisions = new LongAdder();
    private final Map<Side, AtomicInteger> inFlight = new EnumMap<>(Side.class);
    private final Map<Side, LongAdder> inputTokens = new EnumMap<>(Side.class), outputTokens = new EnumMap<>(Side.class);
    private final Map<Side, DoubleAdder> costUsd = new EnumMap<>(Side.class);
    private final Map<Side, ModelPrice> prices; // empty: no price file

    RouteMetrics(Map<Side, ModelPrice> prices) {
        this.prices = Map.copyOf(prices);
        for (RouteTaken r : RouteTaken.values()) routes.put(r, new LongAdder());
        for (int i = 0; i < decisionBuckets.length; i++) decisionBuckets[i] = new LongAdder();
        for (Side s : Side.values()) {
            inFlight.put(s, new AtomicInteger());
            inputTokens.put(s, new LongAdder());
            outputTokens.put(s, new LongAdder());
            costUsd.put(s, new DoubleAdder());
        }
    }

    void answered(RouteTaken route) {
        routes.get(route).increment();
    }

    void badRequest() {
        badRequests.increment();
    }

    void unanswered() {
        unanswered.increment();
    }

    void decision(long nanos) {
        double seconds = nanos / 1e9;
        int i = 0;
        while (i < DECISION_BOUNDS.length && seconds > DECISION_BOUNDS[i]) i++;
        decisionBuckets[i].increment();
        decisionNanos.add(nanos);
        decisions.increment();
    }

    void started(Side side) {
        inFlight.get(side).incrementAndGet();
    }

    /** A call to {@code side} ended: it leaves the in-flight count, and its server-counted tokens (and their price) are added. */
    void ended(Side side, RequestRecord r) {
        inFlight.get(side).decrementAndGet();
        int in = r.tokens().inputTokens() == null ? 0 : r.tokens().inputTokens(), out = r.tokens().outputTokens() == null ? 0 : r.tokens().outputTokens();
        inputTokens.get(side).add(in);
        outputTokens.get(side).add(out);
        ModelPrice p = prices.get(side);
        if (p != null) costUsd.get(side).add(p.costUsd(in, orZero(r.tokens().cachedInputTokens()), orZero(r.tokens().cacheWriteInputTokens()), out));
    }

    private static int orZero(Integer n) {
        return n == null ? 0 : n;
    }

    long count(RouteTaken route) {
        return routes.get(route).sum();
    }

    String render() {
        StringBuilder b = new StringBuilder();
        help(b, "hybench_route_requests_total", "counter", "Requests answered, by route (the x-hybench-route header).");
        for (RouteTaken r : RouteTaken.values()) line(b, "hybench_route_requests_total{route=\"" + r.header() + "\"}", routes.get(r).sum());
        help(b, "hybench_route_bad_requests_total", "counter", "Client requests refused with a 400.");
        line(b, "hybench_route_bad_requests_total", badRequests.sum());
        help(b, "hybench_route_unanswered_total", "counter", "Requests neither side could answer (502).");
        line(b, "hybench_route_unanswered_total", unanswered.sum());
        help(b, "hybench_route_decision_seconds", "histogram",
                "Time the router spent deciding a route (spill check, confidence, threshold), not waiting for upstreams or a slot.");
        long cumulative = 0;
        for (int i = 0; i < decisionBuckets.length; i++) {
            cumulative += decisionBuckets[i].sum();
            String le = i < DECISION_BOUNDS.length ? String.format(Locale.ROOT, "%s", DECISION_BOUNDS[i]) : "+Inf";
            line(b, "hybench_route_decision_seconds_bucket{le=\"" + le + "\"}", cumulative);
        }
        b.append("hybench_route_decision_seconds_sum ").append(String.format(Locale.ROOT, "%s", decisionNanos.sum() / 1e9)).append('\n');
        line(b, "hybench_route_decision_seconds_count", decisions.sum());
        help(b, "hybench_route_in_flight", "gauge", "Upstream calls in flight, by side.");
        for (Side s : Side.values()) line(b, "hybench_route_in_flight{side=\"" + side(s) + "\"}", inFlight.get(s).get());
        help(b, "hybench_route_tokens_total", "counter", "Tokens by side and direction, as the upstream server counted them.");
        for (Side s : Side.values()) {
            line(b, "hybench_route_tokens_total{side=\"" + side(s) + "\",direction=\"input\"}", inputTokens.get(s).sum());
            line(b, "hybench_route_tokens_total{side=\"" + side(s) + "\",direction=\"output\"}", outputTokens.get(s).sum());
        }
        if (prices.isEmpty()) {
            b.append("# hybench_route_cost_usd_total not reported: start hybench route with --prices\n");
        } else {
            help(b, "hybench_route_cost_usd_total", "counter", "USD so far by side, tokens times the price file's list prices.");
            for (Side s : Side.values()) {
                if (prices.containsKey(s)) {
                    b.append("hybench_route_cost_usd_total{side=\"").append(side(s)).append("\"} ")
                            .append(String.format(Locale.ROOT, "%s", costUsd.get(s).sum())).append('\n');
                }
            }
        }
        return b.toString();
    }

    private static String side(Side s) {
        return s.name().toLowerCase(Locale.ROOT);
    }

    private static void help(StringBuilder b, String name, String type, String help) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void line(StringBuilder b, String series, long value) {
        b.append(series).append(' ').append(value).append('\n');
    }
}
