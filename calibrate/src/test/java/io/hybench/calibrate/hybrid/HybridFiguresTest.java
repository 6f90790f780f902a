package io.hybench.calibrate.hybrid;

import io.hybench.bench.metrics.LevelSummary;
import io.hybench.calibrate.cost.CostUnit;
import io.hybench.calibrate.CalibrationResult;
import io.hybench.calibrate.data.ColumnMapping;
import io.hybench.calibrate.data.DatasetLoader;
import io.hybench.calibrate.data.LabeledDataset;
import io.hybench.calibrate.data.ScoreSense;
import io.hybench.calibrate.data.SideColumns;
import io.hybench.calibrate.export.RouterSpec;
import io.hybench.calibrate.policy.Policy;
import io.hybench.core.stats.ConfidenceInterval;
import io.hybench.core.stats.ConfidenceSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hybrid figures against answers worked out by hand. */
class HybridFiguresTest {
    static final ConfidenceSpec CI = ConfidenceSpec.defaults();

    @TempDir
    Path dir;

    /**
     * Four labeled rows, escalate below -0.5: rows 1 and 2 stay local (right, wrong), rows 3 and 4 escalate
     * (cloud right, cloud wrong). Accuracy 2/4, local share 2/4, escalations 2/4; without prices two cloud
     * calls in four queries, 500 per 1k.
     */
    LabeledDataset fourRows() throws Exception {
        Path data = dir.resolve("rows.jsonl");
        Files.writeString(data, """
                {"id":"r1","s":-0.1,"lc":true,"cc":true,"li":10,"lo":20,"ci":10,"co":40}
                {"id":"r2","s":-0.2,"lc":false,"cc":true,"li":10,"lo":20,"ci":10,"co":40}
                {"id":"r3","s":-0.9,"lc":false,"cc":true,"li":10,"lo":20,"ci":10,"co":40}
                {"id":"r4","s":-1.5,"lc":true,"cc":false,"li":10,"lo":20,"ci":10,"co":40}
                """);
        ColumnMapping m = new ColumnMapping("id", null, null, List.of("s"), ScoreSense.HIGHER_MEANS_LOCAL,
                new SideColumns("small-local", "lc", "li", "lo", null, null), new SideColumns("big-cloud", "cc", "ci", "co", null, null));
        return DatasetLoader.load(List.of(data), m, null);
    }

    static RouterSpec cascade(double escalateBelow) {
        return RouterSpec.of(RouterSpec.Routing.of(new Policy.Cascade(0, escalateBelow), List.of("s"), ScoreSense.HIGHER_MEANS_LOCAL, Map.of()),
                new CalibrationResult.Provenance.Models("small-local", "big-cloud"));
    }

    @Test
    void theWhatIfRoutesEachLabeledRowAsTheRouterWould() throws Exception {
        Predictor p = new Predictor(fourRows(), cascade(-0.5), null, CI, 1);
        assertEquals(4, p.offline().rows());
        assertEquals(0.5, p.offline().accuracy().value());
        assertEquals(0.5, p.offline().localShare().value());
        assertEquals(2, Math.round(p.offline().escalationRate().value() * 4));
        assertEquals(CostUnit.CLOUD_CALLS, p.offline().costUnit());
        assertEquals(500.0, p.offline().costPer1k().value(), 1e-9);
        assertTrue(p.offline().accuracy().lower() <= 0.5 && 0.5 <= p.offline().accuracy().upper());

        Predictor priced = new Predictor(fourRows(), cascade(-0.5), HybridRunTest.PRICES, CI, 1);
        // Each escalation: local 0 + cloud (10 x 1 + 40 x 4) / 1e6 USD.
        assertEquals(CostUnit.USD, priced.offline().costUnit());
        assertEquals(1000 * 2 * 170e-6 / 4, priced.offline().costPer1k().value(), 1e-12);
    }

    @Test
    void theLatencyMixAddsTheCloudLegToTheWholeLocalAnswer() throws Exception {
        Predictor p = new Predictor(fourRows(), cascade(-0.5), null, CI, 1);
        List<GradedRequest> local = new ArrayList<>(), cloud = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            local.add(graded(Role.LOCAL_ONLY, "local", true, 10, 50));
            cloud.add(graded(Role.CLOUD_ONLY, "cloud", true, 200, 400));
        }
        PredictedLevel at = p.at(4, local, cloud);
        // Kept: first token when the local answer is whole (50 ms); escalated: 50 + the cloud's 200 ms TTFT.
        assertEquals(250, at.ttftMs().p99Ms(), 0.5);
        assertEquals(450, at.e2eMs().p99Ms(), 0.5);
        assertEquals(0.5, at.ttftUnder100Ms(), 0.02);
        assertTrue(Double.isNaN(p.at(8, local, List.of()).ttftMs().p50Ms()), "no cloud measurement at this load: no mix");
    }

    @Test
    void routeSharesCostAndChecksOfAMeasuredLevel() {
        List<GradedRequest> rs = new ArrayList<>();
        for (int i = 0; i < 6; i++) rs.add(graded(Role.HYBRID, "local", i < 5, 30, 60));
        for (int i = 0; i < 2; i++) rs.add(graded(Role.HYBRID, "escalated", true, 300, 500));
        for (int i = 0; i < 2; i++) rs.add(graded(Role.HYBRID, "spilled", true, 150, 300));
        HybridLevel h = LevelAggregation.level(bench("routed", 16), rs, CostUnit.CLOUD_CALLS, CI, 1);
        assertEquals(10, h.answers().requests());
        assertEquals(0.9, h.answers().accuracy().value(), 1e-12);
        assertEquals(0.6, h.shares().localShare().value(), 1e-12);
        assertEquals(0.2, h.shares().escalationRate().value(), 1e-12);
        assertEquals(0.2, h.shares().spillRate().value(), 1e-12);
        assertEquals(400, h.costPer1k().value(), 1e-9, "four cloud calls in ten queries");
        Proportion calls = Proportion.of(4, 10, 0.95);
        assertEquals(1000 * calls.lower(), h.costPer1k().lower(), 1e-9, "cloud calls: 1000 x the Wilson interval of the share with a cloud leg");
        assertEquals(1000 * calls.upper(), h.costPer1k().upper(), 1e-9);
        assertEquals(0.6, h.latency().ttftUnder100Ms().value(), 1e-12);
        assertEquals(Map.of("local", 6L, "escalated", 2L, "spilled", 2L), h.answers().routes());
        assertEquals(2, h.latency().byRoute().get("spilled").requests());
        assertEquals(300, h.latency().byRoute().get("escalated").ttftMs().p50Ms(), 0.5);

        PredictedLevel predicted = new PredictedLevel(16, new Estimate(0.9, 0.8, 1.0, 0.95), new Estimate(0.95, 0.93, 0.97, 0.95),
                new Estimate(0.05, 0.03, 0.07, 0.95), new Estimate(50, 30, 70, 0.95), null, null, Double.NaN);
        List<Check> checks = Check.of(h, predicted, true);
        Check share = checks.stream().filter(c -> c.metric().equals("localShare")).findFirst().orElseThrow();
        assertFalse(share.agrees());
        assertTrue(share.note().contains("20.0% of requests spilled over"), share.note());
        assertTrue(checks.stream().filter(c -> c.metric().equals("accuracy")).findFirst().orElseThrow().agrees());
        assertNull(Check.of(h, predicted, false).get(3).agrees(), "cost in different units is not compared");

        List<GradedRequest> cloudOnly = new ArrayList<>();
        for (int i = 0; i < 10; i++) cloudOnly.add(graded(Role.CLOUD_ONLY, "cloud", true, 150, 300));
        HybridLevel cloud = LevelAggregation.level(bench("cloud", 16), cloudOnly, CostUnit.CLOUD_CALLS, CI, 1);
        List<Claim> claims = Claim.of(h, cloud, true);
        assertEquals(List.of("localShare", "costSavingVsCloud", "accuracyVsCloud", "ttftUnder100Ms"), claims.stream().map(Claim::claim).toList());
        assertEquals(0.6, claims.get(1).measured(), 1e-12, "400 cloud calls per 1k instead of 1000");
        assertFalse(claims.get(0).holds());
        assertFalse(claims.get(1).holds());
        assertEquals(-0.1, claims.get(2).measured(), 1e-12);
        assertTrue(claims.get(2).holds(), "0.9 vs 1.0 on ten requests: the intervals overlap");
        assertTrue(claims.get(3).holds());
    }

    static GradedRequest graded(Role role, String route, boolean correct, double ttftMs, double e2eMs) {
        RouteTaken r = RouteTaken.valueOf(route.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        Leg local = r.localLeg() ? new Leg(10, 20, 0, Leg.RESPONSE) : null; // cloud calls: a local leg costs 0
        Leg cloud = r.cloudLeg() ? new Leg(10, 40, 1, Leg.RESPONSE) : null;
        return new GradedRequest(new GradedRequest.At(0, role.name(), role, 16), "id", "q", new GradedRequest.Routing(route, Double.NaN),
                new GradedRequest.Outcome(true, correct, false), new GradedRequest.Latency(ttftMs, e2eMs), GradedRequest.Legs.of(local, cloud));
    }

    static LevelSummary bench(String target, double load) {
        ConfidenceInterval one = new ConfidenceInterval(1, 1, 1, 0.95, ConfidenceInterval.Method.BOOTSTRAP, 1000);
        return new LevelSummary(target, "closed", load, List.of(0), true, true, new LevelSummary.Outcome(10, 10, 0, 1, true),
                new LevelSummary.Throughput(one, one, one), Map.of(), null);
    }
}
