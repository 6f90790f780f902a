package io.hybench.calibrate.hybrid;

import io.hybench.calibrate.cost.CostUnit;

import java.util.List;

/**
 * {@code hybrid.json}: the routed target and its parts per load level, the calibration's prediction beside
 * them, and the seed's claims checked (docs/results.md, "The hybrid folder").
 *
 * @param formatVersion {@link #FORMAT_VERSION}; a reader refuses a newer one
 * @param runId         the bench run folder the figures come from
 * @param routed        the routed target's name
 * @param local         the local part's name
 * @param cloud         the cloud part's name
 * @param emulated      any of the three is the emulator
 * @param costUnit      what {@code costPer1k} counts (USD, or cloud calls without prices for both models)
 * @param costNote      where prices came from, or why costs count cloud calls
 * @param levels        per target and load
 * @param prediction    the what-if, null when no calibration was given
 * @param checks        measured beside predicted per load; empty without a prediction
 * @param claims        the seed's claims per load of the routed target
 */
public record HybridSummary(int formatVersion, String runId, String routed, String local, String cloud, boolean emulated,
                            CostUnit costUnit, String costNote, List<HybridLevel> levels, Prediction prediction,
                            List<Check> checks, List<Claim> claims) {
    public static final int FORMAT_VERSION = 1;

    public HybridSummary {
        levels = List.copyOf(levels);
        checks = List.copyOf(checks);
        claims = List.copyOf(claims);
    }

    /** The what-if's basis and its figures per load. */
    public record Prediction(Predictor.Offline offline, List<PredictedLevel> levels) {
        public Prediction {
            levels = List.copyOf(levels);
        }
    }
}
