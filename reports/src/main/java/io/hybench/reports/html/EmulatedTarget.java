package io.hybench.reports.html;

import java.util.Objects;

/** A target that was served by the hybench emulator, and the emulator profile it ran. */
public record EmulatedTarget(String target, String profile) {
    public EmulatedTarget {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(profile, "profile");
    }

    /** "target (emulator profile P)", for one-line statements. */
    public String toDisplay() {
        return target + " (emulator profile " + profile + ")";
    }
}
