package io.hybench.calibrate.fit;

import io.hybench.calibrate.policy.RoutedRows;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Nonparametric bootstrap of one fixed operating point: rows are resampled with replacement
 * {@code resamples} times and the point's accuracy, cost and local share recomputed on each.
 * Resample b draws from its own generator, split in order from one seeded root, so results do not
 * depend on thread scheduling. Intervals are percentile intervals (Commons Math, R-7 quantiles).
 */
public final class Bootstrap {
    private Bootstrap() {
    }

    /** Intervals, and the share of resamples whose accuracy reaches {@code accuracyTarget} (NaN: no target). */
    public record Result(int resamples, long seed, Interval accuracy, Interval costPer1k, Interval shareLocal,
                         double probabilityTargetMet) {
    }

    public static Result of(RoutedRows rows, int resamples, long seed, double level, double accuracyTarget) {
        if (resamples < 1) throw new IllegalArgumentException("resamples must be >= 1");
        int n = rows.size();
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom[] rngs = new SplittableRandom[resamples];
        for (int b = 0; b < resamples; b++) rngs[b] = root.split();
        double[] acc = new double[resamples], cost = new double[resamples], local = new double[resamples];
        IntStream.range(0, resamples).parallel().forEach(b -> {
            SplittableRandom rng = rngs[b];
            double q = 0, c = 0;
            int l = 0;
            for (int k = 0; k < n; k++) {
                int i = rng.nextInt(n);
                q += rows.quality()[i];
                c += rows.cost()[i];
                if (rows.local()[i]) l++;
            }
            acc[b] = q / n;
            cost[b] = 1000 * c / n;
            local[b] = (double) l / n;
        });
        double met = Double.NaN;
        if (!Double.isNaN(accuracyTarget)) {
            int hits = 0;
            for (double a : acc) if (a >= accuracyTarget) hits++;
            met = (double) hits / resamples;
        }
        return new Result(resamples, seed, interval(acc, level), interval(cost, level), interval(local, level), met);
    }

    static Interval interval(double[] values, double level) {
        Percentile p = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        p.setData(values);
        double tail = (1 - level) / 2 * 100;
        return new Interval(p.evaluate(Math.max(tail, 1e-9)), p.evaluate(100 - tail), level);
    }
}
