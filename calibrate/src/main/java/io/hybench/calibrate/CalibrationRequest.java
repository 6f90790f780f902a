package io.hybench.calibrate;

import io.hybench.calibrate.cost.PriceFile;
import io.hybench.calibrate.data.LabeledDataset;
import io.hybench.calibrate.fit.Objective;
import io.hybench.calibrate.policy.PolicyKind;

import java.time.LocalDate;
import java.util.List;

/**
 * Everything one calibration needs. {@code score} is the confidence (cascade) or router score
 * (pre-route) column; two-stage uses {@code routerScore} for its pre-router and {@code score} for its
 * cascade. {@code prices} may be null (per-row costs or cloud-call counts then). {@code date} is the
 * calibration's date in its provenance (passed in so outputs are reproducible).
 */
public record CalibrationRequest(LabeledDataset data, PriceFile prices, PolicyKind policy, String score, String routerScore,
                                 List<Objective> objectives, double holdoutFraction, long seed, int resamples,
                                 double confidenceLevel, double delta, int twoStageGrid, LocalDate date) {
    public CalibrationRequest {
        objectives = List.copyOf(objectives);
        if (!(confidenceLevel > 0 && confidenceLevel < 1)) throw new IllegalArgumentException("confidence level must be in (0,1)");
        if (!(delta > 0 && delta < 1)) throw new IllegalArgumentException("delta must be in (0,1)");
    }
}
