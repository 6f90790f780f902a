package io.hybench.calibrate.export;

import io.hybench.calibrate.CalibrationResult;
import io.hybench.calibrate.fit.Objective;
import io.hybench.calibrate.policy.CurvePoint;
import io.hybench.calibrate.policy.Policy;

import java.util.Optional;

/**
 * The seed's three confidence thresholds, fitted: {@code high}, {@code medium} and {@code low} are
 * the cheapest thresholds (in the raw score's units) that recover 95%, 80% and 50% of the
 * local-to-cloud accuracy gap on the calibration split. Queries scoring below a band's threshold go
 * to the cloud under that band (above it for a HIGHER_MEANS_CLOUD score). When the score is
 * recalibrated, the thresholds are probabilities that the local answer is right. A band no threshold
 * reaches is null.
 */
public record Bands(Double high, Double medium, Double low) {
    public static final double HIGH_PGR = 0.95, MEDIUM_PGR = 0.80, LOW_PGR = 0.50;

    public static Bands of(CalibrationResult r) {
        return new Bands(at(r, HIGH_PGR), at(r, MEDIUM_PGR), at(r, LOW_PGR));
    }

    private static Double at(CalibrationResult r, double pgr) {
        Optional<CurvePoint> p = new Objective.MinPgr(pgr).choose(r.curves().curve(), r.baselines().calibrationReferences());
        if (p.isEmpty()) return null;
        double oriented = switch (p.get().policy()) {
            case Policy.Cascade c -> c.escalateBelow();
            case Policy.PreRoute pr -> pr.cloudBelow();
            case Policy.TwoStage t -> t.escalateBelow();
        };
        boolean recalibrated = r.scores().recalibration() != null && r.scores().recalibration().maps().containsKey(r.provenance().scoring().score());
        return RouterSpec.raw(oriented, io.hybench.calibrate.data.ScoreSense.valueOf(r.provenance().scoring().scoreSense()), recalibrated);
    }
}
