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
 *
 * <p>Each resample is an exact multinomial draw (n rows, each row equally likely each time), made
 * without random memory access, which at a million rows costs far more than the arithmetic: a
 * Poisson(m/n) count per row, in row order (given their total S, independent Poisson counts are a
 * multinomial of S draws), then n - S uniform draws on top (a multinomial of the rest). m = n - 5
 * sqrt(n) makes S > n, which redraws the resample, rare (about 3e-7). Rows are walked in blocks
 * that stay in cache while every resample of a thread passes over them.
 */
public final class Bootstrap {
    private static final int BLOCK_ROWS = 8192;

    private Bootstrap() {
    }

    /** Intervals, and the share of resamples whose accuracy reaches {@code accuracyTarget} (NaN: no target). */
    public record Result(int resamples, long seed, Interval accuracy, Interval costPer1k, Interval shareLocal,
                         double probabilityTargetMet) {
    }

    public static Result of(RoutedRows rows, int resamples, long seed, double level, double accuracyTarget) {
        Samples s = sample(rows, resamples, seed);
        double met = Double.NaN;
        if (!Double.isNaN(accuracyTarget)) {
            int hits = 0;
            for (double a : s.accuracy) if (a >= accuracyTarget) hits++;
            met = (double) hits / resamples;
        }
        return new Result(resamples, seed, interval(s.accuracy, level), interval(s.costPer1k, level), interval(s.shareLocal, level), met);
    }

    /** The statistics of every resample, in resample order. */
    record Samples(double[] accuracy, double[] costPer1k, double[] shareLocal) {
    }

    static Samples sample(RoutedRows rows, int resamples, long seed) {
        if (resamples < 1) throw new IllegalArgumentException("resamples must be >= 1");
        int n = rows.size();
        // quality, cost and local (0/1) of a row side by side
        double[] packed = new double[3 * n];
        for (int i = 0; i < n; i++) {
            packed[3 * i] = rows.quality()[i];
            packed[3 * i + 1] = rows.cost()[i];
            packed[3 * i + 2] = rows.local()[i] ? 1 : 0;
        }
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom[] rngs = new SplittableRandom[resamples];
        for (int b = 0; b < resamples; b++) rngs[b] = root.split();
        double[] cdf = poissonCdf(Math.max(0, n - 5 * Math.sqrt(n)) / Math.max(n, 1));
        double[] acc = new double[resamples], cost = new double[resamples], local = new double[resamples];
        int threads = Math.max(1, Math.min(resamples, Runtime.getRuntime().availableProcessors()));
        IntStream.range(0, threads).parallel().forEach(t -> {
            int from = (int) ((long) resamples * t / threads), to = (int) ((long) resamples * (t + 1) / threads);
            resampleRange(packed, n, rngs, cdf, from, to, acc, cost, local);
        });
        return new Samples(acc, cost, local);
    }

    /** Resamples [from, to): Poisson counts block by block, then each resample's top-up (or redraw). */
    private static void resampleRange(double[] packed, int n, SplittableRandom[] rngs, double[] cdf, int from, int to,
                                      double[] acc, double[] cost, double[] local) {
        int m = to - from;
        double[] q = new double[m], c = new double[m], l = new double[m];
        long[] drawn = new long[m];
        for (int start = 0; start < n; start += BLOCK_ROWS) {
            int end = Math.min(n, start + BLOCK_ROWS);
            for (int b = 0; b < m; b++) {
                SplittableRandom rng = rngs[from + b];
                double sq = 0, sc = 0, sl = 0;
                long count = 0;
                for (int i = start; i < end; i++) {
                    int k = poisson(rng, cdf);
                    count += k;
                    sq += k * packed[3 * i];
                    sc += k * packed[3 * i + 1];
                    sl += k * packed[3 * i + 2];
                }
                q[b] += sq;
                c[b] += sc;
                l[b] += sl;
                drawn[b] += count;
            }
        }
        for (int b = 0; b < m; b++) {
            SplittableRandom rng = rngs[from + b];
            while (drawn[b] > n) { // rare: redraw this resample's Poisson part in one pass
                q[b] = c[b] = l[b] = 0;
                drawn[b] = 0;
                for (int i = 0; i < n; i++) {
                    int k = poisson(rng, cdf);
                    drawn[b] += k;
                    q[b] += k * packed[3 * i];
                    c[b] += k * packed[3 * i + 1];
                    l[b] += k * packed[3 * i + 2];
                }
            }
            for (long k = drawn[b]; k < n; k++) {
                int j = 3 * index(rng, n);
                q[b] += packed[j];
                c[b] += packed[j + 1];
                l[b] += packed[j + 2];
            }
            acc[from + b] = q[b] / n;
            cost[from + b] = 1000 * c[b] / n;
            local[from + b] = l[b] / n;
        }
    }

    /** P(K <= k) of a Poisson(lambda), until it reaches 1 in double precision (the last entry is 1). */
    static double[] poissonCdf(double lambda) {
        double[] out = new double[64];
        double p = Math.exp(-lambda), sum = 0;
        int k = 0;
        for (; k < out.length - 1; k++) {
            sum += p;
            out[k] = sum;
            if (sum >= 1 || p == 0) break;
            p *= lambda / (k + 1);
        }
        out[k] = 1;
        return java.util.Arrays.copyOf(out, k + 1);
    }

    /** A Poisson count by inversion of its CDF table (the first comparisons without branches: most counts are 0 to 2). */
    static int poisson(SplittableRandom rng, double[] cdf) {
        double u = rng.nextDouble();
        if (cdf.length < 4 || u >= cdf[2]) {
            int k = 0;
            while (k < cdf.length - 1 && u >= cdf[k]) k++;
            return k;
        }
        return (u >= cdf[0] ? 1 : 0) + (u >= cdf[1] ? 1 : 0);
    }

    /**
     * A uniform index in [0, n): Lemire's multiply-and-shift with rejection (unbiased, and no division
     * except on the rare rejection path).
     */
    static int index(SplittableRandom rng, int n) {
        long m = (rng.nextInt() & 0xFFFFFFFFL) * n;
        if ((m & 0xFFFFFFFFL) < n) {
            long reject = (0x1_0000_0000L - n) % n; // 2^32 mod n
            while ((m & 0xFFFFFFFFL) < reject) m = (rng.nextInt() & 0xFFFFFFFFL) * n;
        }
        return (int) (m >>> 32);
    }

    static Interval interval(double[] values, double level) {
        Percentile p = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        p.setData(values);
        double tail = (1 - level) / 2 * 100;
        return new Interval(p.evaluate(Math.max(tail, 1e-9)), p.evaluate(100 - tail), level);
    }
}
