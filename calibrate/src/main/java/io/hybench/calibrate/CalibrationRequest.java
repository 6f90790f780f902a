package io.hybench.calibrate;

import io.hybench.calibrate.cost.PriceFile;
import io.hybench.calibrate.data.LabeledDataset;
import io.hybench.calibrate.fit.Objective;
import io.hybench.calibrate.fit.Recalibration;
import io.hybench.calibrate.policy.PolicyKind;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Everything one calibration needs. {@code prices} may be null (per-row costs or cloud-call counts
 * then). {@code date} is the calibration's date in its provenance (passed in so outputs are reproducible).
 */
public record CalibrationRequest(LabeledDataset data, PriceFile prices, Sweep sweep, List<Objective> objectives,
                                 Validation validation, Statistics statistics, LocalDate date) {
    public CalibrationRequest {
        Objects.requireNonNull(sweep, "sweep");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(statistics, "statistics");
        objectives = List.copyOf(objectives);
    }

    /**
     * The policies swept. {@code score} is the confidence (cascade) or router score (pre-route) column;
     * two-stage uses {@code routerScore} for its pre-router (at most {@code twoStageGrid} thresholds) and
     * {@code score} for its cascade. {@code recalibration} maps the policy's score columns to
     * probabilities before the sweep (NONE: scores as they are).
     */
    public record Sweep(PolicyKind policy, String score, String routerScore, int twoStageGrid, Recalibration.Method recalibration) {
        /** The command line's default pre-router grid. */
        public static final int DEFAULT_TWO_STAGE_GRID = 64;

        public Sweep {
            Objects.requireNonNull(policy, "policy");
            if (recalibration == null) recalibration = Recalibration.Method.NONE;
            if (twoStageGrid < 1) throw new IllegalArgumentException("two-stage grid must be >= 1: " + twoStageGrid);
        }

        /** Raw scores (no recalibration) and the default two-stage grid. */
        public static Sweep of(PolicyKind policy, String score, String routerScore) {
            return new Sweep(policy, score, routerScore, DEFAULT_TWO_STAGE_GRID, Recalibration.Method.NONE);
        }

        public Sweep withRecalibration(Recalibration.Method method) {
            return new Sweep(policy, score, routerScore, twoStageGrid, method);
        }

        public Sweep withTwoStageGrid(int grid) {
            return new Sweep(policy, score, routerScore, grid, recalibration);
        }
    }

    /**
     * How chosen thresholds are checked on rows their fit never saw: a held-out fraction in [0,1)
     * (0: none) and {@code folds} >= 2 for a k-fold cross-validation of every objective (0: none).
     */
    public record Validation(double holdoutFraction, int folds) {
        public static final Validation NONE = new Validation(0, 0);

        public Validation {
            if (!(holdoutFraction >= 0 && holdoutFraction < 1)) throw new IllegalArgumentException("holdout fraction must be in [0,1): " + holdoutFraction);
            if (folds == 1 || folds < 0) throw new IllegalArgumentException("folds must be 0 (none) or >= 2: " + folds);
        }
    }

    /**
     * The bootstrap's seed (also the split's), resamples and confidence level, and the risk control's
     * {@code delta} (accuracy target met with probability >= 1 - delta).
     */
    public record Statistics(long seed, int resamples, double confidenceLevel, double delta) {
        public Statistics {
            if (resamples < 1) throw new IllegalArgumentException("resamples must be >= 1: " + resamples);
            if (!(confidenceLevel > 0 && confidenceLevel < 1)) throw new IllegalArgumentException("confidence level must be in (0,1)");
            if (!(delta > 0 && delta < 1)) throw new IllegalArgumentException("delta must be in (0,1)");
        }
    }
}
