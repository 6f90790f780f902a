package io.hybench.calibrate.fit;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * APGR and CPT exactly as RouteLLM's evaluation computes them (lm-sys/RouteLLM at 0d78f12,
 * routellm/evals/evaluate.py lines 77-114, and the {@code evaluate} methods of routellm/evals/benchmarks.py):
 * <ol>
 * <li>the router is evaluated at 11 cutoffs: the edges of {@code pd.qcut(score, 10)} (the 0, 0.1, ..., 1
 *     quantiles of the per-query score, linear interpolation, duplicates kept); at cutoff i a query goes to
 *     the strong (cloud) model when its score is {@code >= cutoff}, at the last cutoff when it is {@code > cutoff};</li>
 * <li>the points (cloud share, accuracy) are sorted by cloud share;</li>
 * <li>APGR = (trapz(accuracy) - trapz(weak)) / (trapz(strong) - trapz(weak)) over those cloud shares, with weak
 *     and strong the local-only and cloud-only accuracies ({@code apgr_metric});</li>
 * <li>CPT(p) = {@code np.interp(weak + p (strong - weak), accuracies, cloud shares)} ({@code pct_call_metric}),
 *     numpy's interpolation reproduced step for step, also when the accuracies are not increasing.</li>
 * </ol>
 * There the score is a router's strong-win rate (higher: cloud); here it is the policy's oriented score negated
 * (the oriented score is higher for queries to keep local). Unlike {@link QualityCurve}, nothing is made monotone.
 */
public final class RouteLlmEvaluation {
    /** Cutoffs: the edges of 10 equal-count bins. */
    static final int BINS = 10;

    private final double[] cloudShare;
    private final double[] accuracy;
    private final double weak;
    private final double strong;

    private RouteLlmEvaluation(double[] cloudShare, double[] accuracy, double weak, double strong) {
        this.cloudShare = cloudShare;
        this.accuracy = accuracy;
        this.weak = weak;
        this.strong = strong;
    }

    /**
     * A router over {@code cloudPreference} (higher: send to the cloud), judged by each query's local and cloud
     * quality; {@code weak} and {@code strong} are the local-only and cloud-only accuracies.
     */
    public static RouteLlmEvaluation of(double[] cloudPreference, double[] localQuality, double[] cloudQuality,
                                        double weak, double strong) {
        int n = cloudPreference.length;
        if (n == 0 || localQuality.length != n || cloudQuality.length != n) throw new IllegalArgumentException("need one score and two qualities per query");
        double[] cutoffs = quantiles(cloudPreference, BINS);
        double[] share = new double[cutoffs.length], acc = new double[cutoffs.length];
        for (int i = 0; i < cutoffs.length; i++) {
            boolean last = i == cutoffs.length - 1;
            int cloud = 0;
            double sum = 0;
            for (int q = 0; q < n; q++) {
                boolean toCloud = last ? cloudPreference[q] > cutoffs[i] : cloudPreference[q] >= cutoffs[i];
                if (toCloud) cloud++;
                sum += toCloud ? cloudQuality[q] : localQuality[q];
            }
            share[i] = (double) cloud / n;
            acc[i] = sum / n;
        }
        // Sorted by cloud share; the cloud sets are nested, so equal shares have equal accuracies and tie order is moot.
        Integer[] order = new Integer[share.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(share[a], share[b]));
        double[] x = new double[share.length], y = new double[share.length];
        for (int i = 0; i < order.length; i++) {
            x[i] = share[order[i]];
            y[i] = acc[order[i]];
        }
        return new RouteLlmEvaluation(x, y, weak, strong);
    }

    /**
     * The oracle evaluated as RouteLLM's {@code get_optimal_accuracy}: its accuracy at cloud shares 0, 0.1, ..., 1
     * ({@code accuracyAt}), then the same APGR and CPT arithmetic.
     */
    public static RouteLlmEvaluation atShares(DoubleUnaryOperator accuracyAt, double weak, double strong) {
        double[] x = new double[BINS + 1], y = new double[BINS + 1];
        for (int k = 0; k <= BINS; k++) {
            x[k] = k / (double) BINS;
            y[k] = accuracyAt.applyAsDouble(x[k]);
        }
        return new RouteLlmEvaluation(x, y, weak, strong);
    }

    /** APGR; NaN when the cloud is not more accurate than the local model or every cutoff gives the same share. */
    public double apgr() {
        double width = cloudShare[cloudShare.length - 1] - cloudShare[0];
        if (!(strong > weak) || width == 0) return Double.NaN;
        double[] weakLine = new double[cloudShare.length], strongLine = new double[cloudShare.length];
        Arrays.fill(weakLine, weak);
        Arrays.fill(strongLine, strong);
        double weakArea = trapz(weakLine, cloudShare);
        return (trapz(accuracy, cloudShare) - weakArea) / (trapz(strongLine, cloudShare) - weakArea);
    }

    /** CPT(p): the cloud share numpy's interpolation gives for the accuracy that recovers a fraction p of the gap. */
    public double cpt(double p) {
        if (!(strong > weak)) return Double.NaN;
        return interp(p * (strong - weak) + weak, accuracy, cloudShare);
    }

    /** {@code np.trapz(y, x)}. */
    static double trapz(double[] y, double[] x) {
        double area = 0;
        for (int i = 1; i < x.length; i++) area += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2.0;
        return area;
    }

    /**
     * {@code pd.qcut(values, bins, retbins=True)}'s edges: the quantiles 0, 1/bins, ..., 1 with linear
     * interpolation between order statistics (pandas' and numpy's default).
     */
    static double[] quantiles(double[] values, int bins) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double[] edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            double h = (sorted.length - 1) * ((double) i / bins);
            int lo = (int) Math.floor(h);
            int hi = Math.min(lo + 1, sorted.length - 1);
            edges[i] = sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
        }
        return edges;
    }

    /**
     * {@code np.interp(x, xp, fp)} for one x, as numpy's {@code arr_interp} computes it
     * (numpy/_core/src/multiarray/compiled_base.c, {@code arr_interp} and {@code binary_search_with_guess}):
     * xp is not required to increase, and then the answer is whatever that search finds, as in RouteLLM.
     */
    static double interp(double x, double[] xp, double[] fp) {
        int n = xp.length;
        if (Double.isNaN(x)) return x;
        if (n == 1) return fp[0]; // numpy's left and right fill values default to fp[0] and fp[-1]
        int j = searchWithGuess(x, xp, 0);
        if (j == -1) return fp[0];
        if (j == n) return fp[n - 1];
        if (j == n - 1) return fp[j];
        if (xp[j] == x) return fp[j];
        double slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j]);
        double r = slope * (x - xp[j]) + fp[j];
        if (Double.isNaN(r)) {
            r = slope * (x - xp[j + 1]) + fp[j + 1];
            if (Double.isNaN(r) && fp[j] == fp[j + 1]) r = fp[j];
        }
        return r;
    }

    /** numpy's {@code binary_search_with_guess}: index i with arr[i] <= key < arr[i + 1] for a sorted arr. */
    private static int searchWithGuess(double key, double[] arr, int guess) {
        final int likelyInCache = 8;
        int len = arr.length, imin = 0, imax = len;
        if (key > arr[len - 1]) return len;
        if (key < arr[0]) return -1;
        if (len <= 4) {
            int i = 1;
            while (i < len && key >= arr[i]) i++;
            return i - 1;
        }
        guess = Math.max(1, Math.min(guess, len - 3));
        if (key < arr[guess]) {
            if (key < arr[guess - 1]) {
                imax = guess - 1;
                if (guess > likelyInCache && key >= arr[guess - likelyInCache]) imin = guess - likelyInCache;
            } else {
                return guess - 1;
            }
        } else {
            if (key < arr[guess + 1]) return guess;
            if (key < arr[guess + 2]) return guess + 1;
            imin = guess + 2;
            if (guess < len - likelyInCache - 1 && key < arr[guess + likelyInCache]) imax = guess + likelyInCache;
        }
        while (imin < imax) {
            int imid = imin + ((imax - imin) >> 1);
            if (key >= arr[imid]) imin = imid + 1;
            else imax = imid;
        }
        return imin - 1;
    }
}
