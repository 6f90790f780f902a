package io.hybench.calibrate;

import io.hybench.calibrate.cost.PriceFile;
import io.hybench.calibrate.data.LabeledDataset;
import io.hybench.calibrate.fit.Objective;
import io.hybench.calibrate.fit.Recalibration;
import io.hybench.calibrate.policy.PolicyKind;

import java.time.LocalDate;
import java.util.List;

/**
 * Everything one calibration needs. {@code score} is the confidence (cascade) or router score
 * (pre-route) column; two-stage uses {@code routerScore} for its pre-router and {@code score} for its
 * cascade. {@code prices} may be null (per-row costs or cloud-call counts then). {@code date} is the
 * calibration's date in its provenance (passed in so outputs are reproducible). {@code recalibration}
 * maps the policy's score columns to probabilities before the sweep (NONE: scores as they are);
 * {@code folds} >= 2 adds a k-fold cross-validation of every objective (0: none).
 */
public record CalibrationRequest(LabeledDataset data, PriceFile prices, PolicyKind policy, String score, String routerScore,
                                 List<Objective> objectives, double holdoutFraction, long seed, int resamples,
                                 double confidenceLevel, double delta, int twoStageGrid, Recalibration.Method recalibration,
                                 int folds, LocalDate date) {
    public CalibrationRequest {
        objectives = List.copyOf(objectives);
        if (recalibration == null) recalibration = Recalibration.Method.NONE;
        if (folds == 1 || folds < 0) throw new IllegalArgumentException("folds must be 0 (none) or >= 2: " + folds);
        if (!(confidenceLevel > 0 && confidenceLevel < 1)) throw new IllegalArgumentException("confidence level must be in (0,1)");
        if (!(delta > 0 && delta < 1)) throw new IllegalArgumentException("delta must be in (0,1)");
    }
}
