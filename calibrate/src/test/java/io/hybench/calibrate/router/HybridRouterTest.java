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
import io.hybench.calibrate.export.CalibrationWriter;
import io.hybench.calibrate.export.LiteLlmTargets;
import io.hybench.calibrate.fit.Objective;
import io.hybench.calibrate.fit.Recalibration;
import io.hybench.calibrate.policy.PolicyKind;
import io.hybench.calibrate.policy.Route;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

public class HybridRouterTest {
    @TempDir
    Path dir;

    /**
     * Oriented conf = i/100; local right from i = 30; cloud always right: the cheapest perfect cascade
     * escalates below 0.3. Under HIGHER_MEANS_CLOUD the raw column holds -conf.
     */
    public static LabeledDataset steps(ScoreSense sense) {
        List<LabeledRow> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            double conf = i / 100.0;
            rows.add(new LabeledRow("q" + i, null, null, new double[]{conf},
                    SideOutcome.ofQuality(i >= 30 ? 1 : 0), SideOutcome.ofQuality(1), "t:" + i));
        }
        var m = new ColumnMapping(null, null, null, List.of("conf"), sense, new SideColumns("small", "l", null, null, null, null),
                new SideColumns("big", "c", null, null, null, null));
        return new LabeledDataset(List.of("conf"), rows, List.of("t"), "0".repeat(64), 0, 0, m);
    }

    public static CalibrationResult calibrate(LabeledDataset d, Recalibration.Method recal, int folds, double holdout) {
        return Calibration.run(new CalibrationRequest(d, null, Sweep.of(PolicyKind.CASCADE, "conf", null).withRecalibration(recal),
                List.of(new Objective.MinAccuracy(1.0)), new Validation(holdout, folds), new Statistics(3, 50, 0.9, 0.05), LocalDate.of(2026, 1, 1)));
    }

    @Test
    void loadsTheWrittenSpecAndDecidesByTheRawConfidence() throws Exception {
        CalibrationWriter.write(calibrate(steps(ScoreSense.HIGHER_MEANS_LOCAL), Recalibration.Method.NONE, 0, 0), dir,
                LiteLlmTargets.defaults("small", "big"), null);
        HybridRouter r = HybridRouter.load(dir.resolve("router-spec.json"));
        assertTrue(r.hasCascade());
        assertEquals(Route.ESCALATED, r.afterLocalAnswer(0.29));
        assertEquals(Route.LOCAL, r.afterLocalAnswer(0.30), "equal to the threshold stays local");
        assertEquals(Route.LOCAL, r.route(0.9));
        assertThrows(IllegalStateException.class, () -> r.beforeGeneration(0.5));
        // HIGH recovers 95% of the gap (accuracy 0.985): escalating below 0.29 (accuracy 0.99) is the cheapest
        assertEquals(0.29, r.bandThreshold(HybridRouter.Band.HIGH).orElseThrow());
    }

    @Test
    void aScoreWhereHigherMeansCloudIsComparedTheOtherWay() {
        var spec = io.hybench.calibrate.export.RouterSpec.of(calibrate(steps(ScoreSense.HIGHER_MEANS_CLOUD), Recalibration.Method.NONE, 0, 0),
                calibrate(steps(ScoreSense.HIGHER_MEANS_CLOUD), Recalibration.Method.NONE, 0, 0).operatingPoints().get(0));
        HybridRouter r = HybridRouter.of(spec);
        // raw column = conf as given; HIGHER_MEANS_CLOUD: the negation of the oriented value
        assertEquals(Route.ESCALATED, r.afterLocalAnswer(-0.29));
        assertEquals(Route.LOCAL, r.afterLocalAnswer(-0.30));
        assertEquals(List.of("escalate to cloud if conf > -0.3"), spec.routing().rules());
    }

    @Test
    void isotonicRecalibrationMakesTheThresholdAProbability() {
        CalibrationResult res = calibrate(steps(ScoreSense.HIGHER_MEANS_LOCAL), Recalibration.Method.ISOTONIC, 0, 0);
        var spec = io.hybench.calibrate.export.RouterSpec.of(res, res.operatingPoints().get(0));
        assertEquals(List.of("escalate to cloud if P(local right | conf) < 1.0"), spec.routing().rules());
        HybridRouter r = HybridRouter.of(spec);
        assertEquals(Route.ESCALATED, r.afterLocalAnswer(0.29));
        assertEquals(Route.LOCAL, r.afterLocalAnswer(0.30));
        assertEquals(0.0, res.scores().recalibration().scoreQuality().ece(), 1e-12, "isotonic is calibrated in-sample");
    }

    @Test
    void confidenceFromLogprobs() {
        assertEquals(0.5, Confidence.optionProbability(new double[]{Math.log(0.5), Math.log(0.25), Math.log(0.25)}, 0), 1e-15);
        assertEquals(2.0 / 3, Confidence.optionProbability(new double[]{Math.log(0.2), Math.log(0.1)}, 0), 1e-15);
        assertEquals(1.0, Confidence.optionProbability(new double[]{-0.1, Double.NEGATIVE_INFINITY}, 0), "an unlisted option has no mass");
        assertTrue(Double.isNaN(Confidence.optionProbability(new double[]{Double.NEGATIVE_INFINITY}, 0)));
        assertEquals(-2.0, Confidence.meanTokenLogprob(new double[]{-1, -2, -3}));
        assertTrue(Double.isNaN(Confidence.meanTokenLogprob(new double[0])));
        assertThrows(IllegalArgumentException.class, () -> Confidence.optionProbability(new double[]{0.5}, 0));
        assertThrows(IllegalArgumentException.class, () -> Confidence.optionProbability(new double[]{-1}, 1));
    }
}
