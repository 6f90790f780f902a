package io.hybench.calibrate.hybrid;

import org.apache.commons.math3.stat.interval.WilsonScoreInterval;

/**
 * A share with its Wilson score interval (Commons Math): {@code count} of {@code of}. Value and bounds
 * are NaN when {@code of} is 0 (nothing to count).
 */
public record Proportion(long count, long of, double value, double lower, double upper, double level) {

    public static Proportion of(long count, long of, double level) {
        if (count < 0 || count > of) throw new IllegalArgumentException("count " + count + " of " + of);
        if (of == 0) return new Proportion(0, 0, Double.NaN, Double.NaN, Double.NaN, level);
        var ci = new WilsonScoreInterval().createInterval((int) of, (int) count, level);
        return new Proportion(count, of, (double) count / of, ci.getLowerBound(), ci.getUpperBound(), level);
    }

    public Estimate estimate() {
        return Estimate.of(this);
    }
}
