package io.hybench.calibrate.router;

import io.hybench.calibrate.Calibration;
import io.hybench.calibrate.CalibrationRequest;
import io.hybench.calibrate.CalibrationRequest.Statistics;
import io.hybench.calibrate.CalibrationRequest.Sweep;
import io.hybench.calibrate.CalibrationRequest.Validation;
import io.hybench.calibrate.CalibrationResult;
import io.hybench.calibrate.data.ColumnMapping;
import io.hybench.calibrate.data.LabeledDataset;
import io.hybench.calibrate.data.LabeledRow;
import io.hybench.calibrate.data.ScoreSense;
import io.hybench.calibrate.data.SideColumns;
import io.hybench.calibrate.data.SideOutcome;
import io.hybench.calibrate.export.RouterSpec;
import io.hybench.calibrate.fit.Bootstrap;
import io.hybench.calibrate.fit.Interval;
import io.hybench.calibrate.fit.Recalibration;
import io.hybench.calibrate.policy.CurvePoint;
import io.hybench.calibrate.policy.PolicyKind;
import io.hybench.calibrate.policy.Route;
import io.hybench.core.mapper.Json;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The router, loaded from an exported spec, makes the decision the fitted policy makes on every row,
 * for every point of the curve: any policy kind, score sense and recalibration.
 */
class HybridRouterPropertiesTest {

    record Case(LabeledDataset data, PolicyKind kind, Recalibration.Method recalibration) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Double> score = Arbitraries.oneOf(Arbitraries.of(-1.0, 0.0, -0.0, 0.25, 0.5, 0.9, 1.0),
                Arbitraries.doubles().between(-3, 3));
        Arbitrary<Double> quality = Arbitraries.oneOf(Arbitraries.of(0.0, 1.0), Arbitraries.of(0.0, 0.5, 1.0));
        Arbitrary<double[]> row = Combinators.combine(score, score, quality, quality, Arbitraries.doubles().between(0, 1),
                Arbitraries.doubles().between(1, 5)).as((a, b, lq, cq, lc, cc) -> new double[]{a, b, lq, cq, lc, cc});
        return Combinators.combine(row.list().ofMinSize(1).ofMaxSize(40), Arbitraries.of(ScoreSense.values()),
                Arbitraries.of(PolicyKind.values()), Arbitraries.of(Recalibration.Method.values())).as((rows, sense, kind, recal) -> {
            List<LabeledRow> out = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                double[] r = rows.get(i);
                out.add(new LabeledRow("q" + i, null, null, new double[]{r[0], r[1]}, side(r[2], r[4]), side(r[3], r[5]), "gen:" + i));
            }
            var mapping = new ColumnMapping(null, null, null, List.of("conf", "router"), sense,
                    new SideColumns("local", "lc", null, null, null, null), new SideColumns("cloud", "cc", null, null, null, null));
            return new Case(new LabeledDataset(List.of("conf", "router"), out, List.of("gen"), "0", 0, 0, mapping), kind, recal);
        });
    }

    private static SideOutcome side(double quality, double cost) {
        return new SideOutcome(quality, Double.NaN, Double.NaN, Double.NaN, cost);
    }

    @Property(tries = 150)
    void routerDecidesEveryRowAsTheFittedPolicy(@ForAll("cases") Case c) throws Exception {
        String score = c.kind == PolicyKind.PRE_ROUTE ? "router" : "conf";
        CalibrationResult r = Calibration.run(new CalibrationRequest(c.data, null, Sweep.of(c.kind, score, c.kind == PolicyKind.TWO_STAGE ? "router" : null).withRecalibration(c.recalibration).withTwoStageGrid(1000),
                List.of(), new Validation(0, 0), new Statistics(5, 1, 0.9, 0.1), LocalDate.of(2026, 1, 1)));
        Interval any = new Interval(0, 0, 0.9);
        int n = c.data.size();
        for (CurvePoint p : r.curves().curve()) {
            var op = CalibrationResult.OperatingPoint.of("test", Double.NaN, p, new Bootstrap.Result(1, 0, any, any, any, Double.NaN));
            RouterSpec spec = RouterSpec.of(r, op);
            HybridRouter router = HybridRouter.of(Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(spec), RouterSpec.class));
            int local = 0;
            double quality = 0, cost = 0;
            for (LabeledRow row : c.data.rows()) {
                double[] fitted = fittedScores(r, row);
                Route expected = p.policy().route(fitted);
                double[] raw = new double[spec.routing().scoreColumns().size()];
                for (int j = 0; j < raw.length; j++) raw[j] = c.data.mapping().scoreSense().orient(row.scores()[c.data.scoreIndex(spec.routing().scoreColumns().get(j))]);
                Route got = router.route(raw);
                assertEquals(expected, got, () -> "row " + row.id() + " policy " + p.policy() + " spec " + spec.routing().policy());
                if (got == Route.LOCAL) local++;
                quality += got == Route.LOCAL ? row.local().quality() : row.cloud().quality();
                cost += switch (got) {
                    case LOCAL -> row.local().costUsd();
                    case CLOUD -> row.cloud().costUsd();
                    case ESCALATED -> row.local().costUsd() + row.cloud().costUsd();
                };
            }
            assertEquals(p.shareLocal(), (double) local / n, 0.0);
            assertEquals(p.accuracy(), quality / n, 1e-12);
            assertEquals(p.costPer1k(), 1000 * cost / n, 1e-9);
        }
    }

    /** A row's scores as the fit saw them: oriented, then recalibrated where the calibration mapped the column. */
    private static double[] fittedScores(CalibrationResult r, LabeledRow row) {
        double[] s = row.scores().clone();
        if (r.scores().recalibration() != null) {
            List<String> names = List.of("conf", "router");
            r.scores().recalibration().maps().forEach((name, map) -> s[names.indexOf(name)] = map.apply(s[names.indexOf(name)]));
        }
        return s;
    }
}
