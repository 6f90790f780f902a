package io.hybench.calibrate.hybrid;

import io.hybench.bench.metrics.Percentiles;
import io.hybench.calibrate.cost.CostUnit;
import io.hybench.calibrate.cost.PriceFile;
import io.hybench.calibrate.cost.QueryCosts;
import io.hybench.calibrate.data.LabeledDataset;
import io.hybench.calibrate.data.LabeledRow;
import io.hybench.calibrate.export.RouterSpec;
import io.hybench.calibrate.fit.Bootstrap;
import io.hybench.calibrate.policy.Route;
import io.hybench.calibrate.policy.RoutedRows;
import io.hybench.calibrate.router.HybridRouter;
import io.hybench.core.stats.ConfidenceSpec;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The offline what-if: the exported spec applied by {@link HybridRouter} to every labeled row (the same
 * decision the live router makes), its accuracy, route shares and cost with calibrate's bootstrap; per
 * load, the user-visible latency of that route mix drawn from the local and cloud parts' measured requests
 * at the same load. It knows nothing of spill-over or of the router's own queueing: where those matter,
 * measured and predicted part (the report says so).
 */
public final class Predictor {
    /** Draws of the latency mix per load level. */
    static final int DRAWS = 20_000;

    private final Route[] routes;
    private final boolean cascade;
    private final Offline offline;
    private final long seed;

    /** Load-independent figures of the what-if. */
    public record Offline(int rows, List<String> rules, CostUnit costUnit, String costNote, Estimate accuracy, Estimate localShare,
                          Estimate escalationRate, Estimate costPer1k) {
    }

    public Predictor(LabeledDataset data, RouterSpec spec, PriceFile prices, ConfidenceSpec ci, long seed) {
        HybridRouter router = HybridRouter.of(spec);
        List<LabeledRow> rows = data.rows();
        int n = rows.size();
        if (n == 0) throw new IllegalArgumentException("the labeled data set has no rows");
        int[] columns = spec.routing().scoreColumns().stream().mapToInt(data::scoreIndex).toArray();
        QueryCosts costs = QueryCosts.of(data, prices);
        routes = new Route[n];
        double[] quality = new double[n], cost = new double[n], latency = new double[n];
        boolean[] local = new boolean[n];
        double q = 0, c = 0;
        int kept = 0, escalated = 0;
        for (int i = 0; i < n; i++) {
            LabeledRow r = rows.get(i);
            double[] raw = new double[columns.length];
            // Rows hold scores oriented (higher keeps local); the router orients raw scores itself.
            for (int k = 0; k < columns.length; k++) raw[k] = spec.routing().scoreSense().orient(r.scores()[columns[k]]);
            routes[i] = router.route(raw);
            local[i] = routes[i] == Route.LOCAL;
            quality[i] = local[i] ? r.local().quality() : r.cloud().quality();
            cost[i] = switch (routes[i]) {
                case LOCAL -> costs.local()[i];
                case CLOUD -> costs.cloud()[i];
                case ESCALATED -> costs.local()[i] + costs.cloud()[i];
            };
            q += quality[i];
            c += cost[i];
            if (local[i]) kept++;
            if (routes[i] == Route.ESCALATED) escalated++;
        }
        Bootstrap.Result b = Bootstrap.of(new RoutedRows(spec.routing().policy(), quality, cost, latency, local), Math.max(1, ci.resamples()), seed,
                ci.level(), Double.NaN);
        this.cascade = router.hasCascade();
        this.seed = seed;
        this.offline = new Offline(n, spec.routing().rules(), costs.unit(), costs.note(),
                new Estimate(q / n, b.accuracy().lower(), b.accuracy().upper(), ci.level()),
                new Estimate((double) kept / n, b.shareLocal().lower(), b.shareLocal().upper(), ci.level()),
                Proportion.of(escalated, n, ci.level()).estimate(),
                new Estimate(1000 * c / n, b.costPer1k().lower(), b.costPer1k().upper(), ci.level()));
    }

    public Offline offline() {
        return offline;
    }

    /**
     * The prediction at one load from the parts' graded requests at that load (successful ones; latency
     * NaN when a part has none there).
     */
    public PredictedLevel at(double load, List<GradedRequest> localOnly, List<GradedRequest> cloudOnly) {
        double[][] l = latencies(localOnly), cl = latencies(cloudOnly);
        Percentiles nan = LevelAggregation.percentiles(new long[0]);
        if (l[0].length == 0 || cl[0].length == 0) {
            return new PredictedLevel(load, offline.accuracy(), offline.localShare(), offline.escalationRate(), offline.costPer1k(),
                    nan, nan, Double.NaN);
        }
        SplittableRandom random = new SplittableRandom(seed ^ Double.doubleToLongBits(load));
        long[] ttft = new long[DRAWS], e2e = new long[DRAWS];
        int fast = 0;
        for (int d = 0; d < DRAWS; d++) {
            Route route = routes[random.nextInt(routes.length)];
            int li = random.nextInt(l[0].length), ci = random.nextInt(cl[0].length);
            double t, e;
            switch (route) {
                case LOCAL -> {
                    t = cascade ? l[1][li] : l[0][li];
                    e = l[1][li];
                }
                case ESCALATED -> {
                    t = l[1][li] + cl[0][ci];
                    e = l[1][li] + cl[1][ci];
                }
                case CLOUD -> {
                    t = cl[0][ci];
                    e = cl[1][ci];
                }
                default -> throw new IllegalStateException();
            }
            if (t < HybridLevel.FAST_TTFT_MS) fast++;
            ttft[d] = Math.round(t * 1e6);
            e2e[d] = Math.round(e * 1e6);
        }
        return new PredictedLevel(load, offline.accuracy(), offline.localShare(), offline.escalationRate(), offline.costPer1k(),
                LevelAggregation.percentiles(ttft), LevelAggregation.percentiles(e2e), (double) fast / DRAWS);
    }

    /** {TTFT ms, E2E ms} of each successful request with both. */
    private static double[][] latencies(List<GradedRequest> rs) {
        List<GradedRequest> ok = rs.stream().filter(g -> g.outcome().succeeded() && !Double.isNaN(g.latency().ttftMs()) && !Double.isNaN(g.latency().e2eMs())).toList();
        double[][] out = new double[2][ok.size()];
        for (int i = 0; i < ok.size(); i++) {
            out[0][i] = ok.get(i).latency().ttftMs();
            out[1][i] = ok.get(i).latency().e2eMs();
        }
        return out;
    }
}
