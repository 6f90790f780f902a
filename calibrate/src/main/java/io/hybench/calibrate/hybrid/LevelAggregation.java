package io.hybench.calibrate.hybrid;

import io.hybench.bench.metrics.LevelSummary;
import io.hybench.bench.metrics.Metrics;
import io.hybench.bench.metrics.Percentiles;
import io.hybench.calibrate.cost.CostUnit;
import io.hybench.core.stats.ConfidenceSpec;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One {@link HybridLevel} per target and load level of a run, from its graded requests and bench's level summaries. */
public final class LevelAggregation {
    private LevelAggregation() {
    }

    public static List<HybridLevel> levels(List<GradedRequest> graded, List<LevelSummary> benchLevels, CostUnit unit, ConfidenceSpec ci, long seed) {
        List<HybridLevel> out = new ArrayList<>();
        for (LevelSummary l : benchLevels) {
            List<GradedRequest> mine = graded.stream().filter(g -> g.at().target().equals(l.target()) && g.at().load() == l.load()).toList();
            if (mine.isEmpty()) continue;
            out.add(level(l, mine, unit, ci, seed));
        }
        return out;
    }

    static HybridLevel level(LevelSummary l, List<GradedRequest> rs, CostUnit unit, ConfidenceSpec ci, long seed) {
        double level = ci.level();
        long n = rs.size();
        long correct = rs.stream().filter(g -> g.outcome().correct()).count();
        Map<String, Long> routes = new TreeMap<>();
        Map<String, List<GradedRequest>> perRoute = new TreeMap<>();
        long known = 0, local = 0, escalated = 0, spilled = 0, fallback = 0, fast = 0;
        for (GradedRequest g : rs) {
            routes.merge(g.routing().route(), 1L, Long::sum);
            perRoute.computeIfAbsent(g.routing().route(), k -> new ArrayList<>()).add(g);
            RouteTaken r = RouteTaken.valueOf(g.routing().route().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
            if (g.latency().ttftMs() < HybridLevel.FAST_TTFT_MS) fast++;
            if (r == RouteTaken.UNKNOWN) continue;
            known++;
            if (r.answeredLocally()) local++;
            if (r == RouteTaken.ESCALATED || r == RouteTaken.LOCAL_DEGRADED) escalated++;
            if (r == RouteTaken.SPILLED) spilled++;
            if (r == RouteTaken.FALLBACK) fallback++;
        }
        Map<String, RouteLatency> byRoute = new TreeMap<>();
        perRoute.forEach((route, list) -> byRoute.put(route, latency(list)));
        RouteLatency all = latency(rs);
        double[] costs = rs.stream().filter(g -> g.outcome().succeeded()).mapToDouble(g -> g.legs().cost()).toArray();
        return new HybridLevel(new HybridLevel.At(l.target(), rs.getFirst().at().role(), l.mode(), l.load()),
                new HybridLevel.Answers(n, Proportion.of(correct, n, level), routes),
                new HybridLevel.RouteShares(Proportion.of(local, known, level), Proportion.of(escalated, known, level),
                        Proportion.of(spilled, known, level), Proportion.of(fallback, known, level)),
                costPer1k(costs, unit, ci, seed),
                new HybridLevel.Latency(all.ttftMs(), all.e2eMs(), byRoute, Proportion.of(fast, n, level)),
                new HybridLevel.Throughput(l.throughput().requestsPerSecond().estimate(), l.throughput().goodputPerSecond().estimate()), l.trusted());
    }

    /**
     * In cloud calls each request costs 0 or 1, so cost per 1k is 1000 x a share: its Wilson interval (which
     * stays honest at a handful of requests, where a bootstrap collapses to a point). In USD, the bootstrap.
     */
    static Estimate costPer1k(double[] costs, CostUnit unit, ConfidenceSpec ci, long seed) {
        if (unit == CostUnit.USD) return MeanInterval.bootstrap(costs, ci, seed).scaled(1000);
        long calls = 0;
        for (double c : costs) {
            if (Double.isNaN(c)) return new Estimate(Double.NaN, Double.NaN, Double.NaN, ci.level());
            if (c > 0) calls++;
        }
        return Proportion.of(calls, costs.length, ci.level()).estimate().scaled(1000);
    }

    static RouteLatency latency(List<GradedRequest> rs) {
        Histogram ttft = new Histogram(3), e2e = new Histogram(3);
        for (GradedRequest g : rs) {
            if (!Double.isNaN(g.latency().ttftMs())) ttft.recordValue(Math.round(g.latency().ttftMs() * 1e6));
            if (!Double.isNaN(g.latency().e2eMs())) e2e.recordValue(Math.round(g.latency().e2eMs() * 1e6));
        }
        return new RouteLatency(rs.size(), Metrics.percentiles(ttft), Metrics.percentiles(e2e));
    }

    /** Percentiles of nanosecond samples, through the same histogram and definition as every other latency. */
    static Percentiles percentiles(long[] nanos) {
        Histogram h = new Histogram(3);
        for (long v : nanos) h.recordValue(Math.max(0, v));
        return Metrics.percentiles(h);
    }
}
