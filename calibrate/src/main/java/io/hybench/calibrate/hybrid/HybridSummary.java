package io.hybench.calibrate.hybrid;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.hybench.calibrate.cost.CostUnit;

import java.util.List;

/**
 * {@code hybrid.json}: the routed target and its parts per load level, the calibration's prediction beside
 * them, and the seed's claims checked (docs/results.md, "The hybrid folder"). The groups are nested for readers
 * of the code; on the wire their fields stay at the top level ({@link JsonUnwrapped}).
 *
 * @param formatVersion {@link #FORMAT_VERSION}; a reader refuses a newer one
 * @param runId         the bench run folder the figures come from
 * @param parts         the three targets by name
 * @param costing       what costs count
 * @param levels        per target and load
 * @param prediction    the what-if, null when no calibration was given
 * @param checks        measured beside predicted per load; empty without a prediction
 * @param claims        the seed's claims per load of the routed target
 */
public record HybridSummary(int formatVersion, String runId, @JsonUnwrapped Parts parts, @JsonUnwrapped Costing costing,
                            List<HybridLevel> levels, Prediction prediction, List<Check> checks, List<Claim> claims) {
    public static final int FORMAT_VERSION = 1;

    public HybridSummary {
        levels = List.copyOf(levels);
        checks = List.copyOf(checks);
        claims = List.copyOf(claims);
    }

    /** A summary written by this version. */
    static HybridSummary of(String runId, Parts parts, Costing costing, List<HybridLevel> levels, Prediction prediction,
                            List<Check> checks, List<Claim> claims) {
        return new HybridSummary(FORMAT_VERSION, runId, parts, costing, levels, prediction, checks, claims);
    }

    /**
     * @param routed   the routed target's name
     * @param local    the local part's name
     * @param cloud    the cloud part's name
     * @param emulated any of the three is the emulator
     */
    public record Parts(String routed, String local, String cloud, boolean emulated) {
        static Parts of(HybridTargets t) {
            return new Parts(t.routed().name(), t.local().name(), t.cloud().name(), t.all().stream().anyMatch(x -> x.emulated()));
        }
    }

    /**
     * @param costUnit what {@code costPer1k} counts (USD, or cloud calls without prices for both models)
     * @param costNote where prices came from, or why costs count cloud calls
     */
    public record Costing(CostUnit costUnit, String costNote) {
        static Costing of(LegPricing pricing) {
            return new Costing(pricing.unit(), pricing.note());
        }
    }

    /** The what-if's basis and its figures per load. */
    public record Prediction(Predictor.Offline offline, List<PredictedLevel> levels) {
        public Prediction {
            levels = List.copyOf(levels);
        }
    }
}
