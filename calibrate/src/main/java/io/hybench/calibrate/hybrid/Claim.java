package io.hybench.calibrate.hybrid;

import java.util.ArrayList;
import java.util.List;

/**
 * One of the seed's claims, checked on the routed target at one load against the parts at the same load.
 *
 * @param claim    {@code localShare}, {@code costSavingVsCloud}, {@code accuracyVsCloud} or {@code ttftUnder100Ms}
 * @param seed     what the seed says
 * @param measured the measured figure: a share, or accuracy points (hybrid minus cloud-only) for accuracyVsCloud
 * @param holds    whether the measurement bears the claim out; null when it could not be measured
 * @param emulated any of the targets behind the figure is the emulator
 */
public record Claim(double load, String claim, String seed, double measured, Boolean holds, boolean emulated) {

    static List<Claim> of(HybridLevel hybrid, HybridLevel cloud, boolean emulated) {
        List<Claim> out = new ArrayList<>();
        double load = hybrid.at().load();
        double share = hybrid.shares().localShare().value();
        out.add(new Claim(load, "localShare", "85-95% of queries answered locally", share, Double.isNaN(share) ? null : share >= 0.85, emulated));
        double saving = cloud == null ? Double.NaN : 1 - hybrid.costPer1k().value() / cloud.costPer1k().value();
        out.add(new Claim(load, "costSavingVsCloud", "80-95% lower cost than cloud-only", saving,
                Double.isNaN(saving) ? null : saving >= 0.80, emulated));
        double gap = cloud == null ? Double.NaN : hybrid.answers().accuracy().value() - cloud.answers().accuracy().value();
        Boolean near = cloud == null || Double.isNaN(gap) ? null : hybrid.answers().accuracy().upper() >= cloud.answers().accuracy().lower();
        out.add(new Claim(load, "accuracyVsCloud", "near cloud-only accuracy (intervals overlap)", gap, near, emulated));
        double fast = hybrid.latency().ttftUnder100Ms().value();
        out.add(new Claim(load, "ttftUnder100Ms", "first token under 100 ms on most requests", fast, Double.isNaN(fast) ? null : fast > 0.5, emulated));
        return out;
    }
}
