package io.hybench.calibrate.hybrid;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measured beside predicted for one figure of the routed target at one load.
 *
 * @param metric    {@code accuracy}, {@code localShare}, {@code escalationRate} or {@code costPer1k}
 * @param agrees    the two intervals overlap; null when either has none (or the cost units differ)
 * @param note      where they part, the likely reason in words; empty when they agree
 */
public record Check(double load, String metric, Estimate measured, Estimate predicted, Boolean agrees, String note) {

    /** The checks of one level; {@code sameCostUnit} false leaves the cost check undecided. */
    static List<Check> of(HybridLevel m, PredictedLevel p, boolean sameCostUnit) {
        List<Check> out = new ArrayList<>();
        out.add(check(m, "accuracy", m.answers().accuracy().estimate(), p.accuracy()));
        out.add(check(m, "localShare", m.shares().localShare().estimate(), p.localShare()));
        out.add(check(m, "escalationRate", m.shares().escalationRate().estimate(), p.escalationRate()));
        Check cost = check(m, "costPer1k", m.costPer1k(), p.costPer1k());
        out.add(sameCostUnit ? cost : new Check(m.at().load(), cost.metric(), cost.measured(), cost.predicted(), null,
                "measured and predicted cost count in different units"));
        return out;
    }

    private static Check check(HybridLevel m, String metric, Estimate measured, Estimate predicted) {
        Boolean agrees = measured.overlaps(predicted);
        String note = "";
        if (agrees == null) {
            note = "no interval on one side";
        } else if (!agrees) {
            String dir = measured.value() < predicted.value() ? "below" : "above";
            note = String.format(Locale.ROOT, "measured %s predicted", dir);
            double spill = m.shares().spillRate().value();
            if (spill > 0) {
                note += String.format(Locale.ROOT, "; %.1f%% of requests spilled over to the cloud unscored at this load, which the offline what-if does not model",
                        100 * spill);
            } else if (m.shares().fallbackRate().value() > 0) {
                note += String.format(Locale.ROOT, "; %.1f%% of requests fell back to the cloud (local failed)", 100 * m.shares().fallbackRate().value());
            }
        }
        return new Check(m.at().load(), metric, measured, predicted, agrees, note);
    }
}
