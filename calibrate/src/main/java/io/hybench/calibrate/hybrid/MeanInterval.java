package io.hybench.calibrate.hybrid;

import io.hybench.core.stats.ConfidenceSpec;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

import java.util.SplittableRandom;

/** A mean with a percentile-bootstrap interval (Commons Math quantiles), seeded so it repeats exactly. */
final class MeanInterval {
    private MeanInterval() {
    }

    /** NaN throughout when there are no values or any is NaN; bounds NaN when resampling is off. */
    static Estimate bootstrap(double[] values, ConfidenceSpec ci, long seed) {
        int n = values.length;
        double sum = 0;
        for (double v : values) sum += v;
        double mean = n == 0 ? Double.NaN : sum / n;
        if (n == 0 || Double.isNaN(mean) || ci.resamples() == 0) return new Estimate(mean, Double.NaN, Double.NaN, ci.level());
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[ci.resamples()];
        for (int b = 0; b < means.length; b++) {
            double s = 0;
            for (int i = 0; i < n; i++) s += values[random.nextInt(n)];
            means[b] = s / n;
        }
        Percentile p = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        double tail = (1 - ci.level()) / 2 * 100;
        return new Estimate(mean, p.evaluate(means, tail), p.evaluate(means, 100 - tail), ci.level());
    }
}
