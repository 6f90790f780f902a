package io.hybench.reports.pages;

import java.util.Objects;

/**
 * One metric at one step of one target in two runs, and whether their difference exceeds the runs'
 * own noise.
 *
 * <p>The noise of a difference of two independent estimates is sqrt(h_b² + h_c²), where h is each
 * run's confidence-interval half-width: at the intervals' confidence level, a difference larger
 * than that is unlikely to come from run-to-run variation alone. Without an interval on both sides
 * the noise is unknown and no verdict of better or worse is given.
 *
 * @param target         target name
 * @param load           the step's load
 * @param metric         what is compared, with unit
 * @param higherIsBetter true for rates, false for latencies
 * @param baseline       the reference run's value
 * @param candidate      the compared run's value
 */
public record MetricDelta(String target, double load, String metric, boolean higherIsBetter, Estimate baseline, Estimate candidate) {

    public enum Verdict {
        BETTER("better, beyond noise"), WORSE("worse, beyond noise"), WITHIN_NOISE("within noise"),
        NOISE_UNKNOWN("noise not measured"), NOT_MEASURED("not measured");

        private final String text;

        Verdict(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public MetricDelta {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(candidate, "candidate");
    }

    public double delta() {
        return candidate.value() - baseline.value();
    }

    /** The change relative to the baseline; NaN when the baseline is zero or not measured. */
    public double relativeDelta() {
        return baseline.value() == 0 ? Double.NaN : delta() / baseline.value();
    }

    public double noise() {
        return Math.sqrt(baseline.halfWidth() * baseline.halfWidth() + candidate.halfWidth() * candidate.halfWidth());
    }

    public Verdict verdict() {
        if (!Double.isFinite(delta())) return Verdict.NOT_MEASURED;
        double noise = noise();
        if (!Double.isFinite(noise)) return Verdict.NOISE_UNKNOWN;
        if (Math.abs(delta()) <= noise) return Verdict.WITHIN_NOISE;
        return (delta() > 0) == higherIsBetter ? Verdict.BETTER : Verdict.WORSE;
    }
}
