package io.hybench.calibrate.fit;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A seeded random split of row indices into a calibration part (thresholds are chosen there) and a
 * held-out part (the chosen thresholds are reported there). Fraction 0 means no held-out part.
 */
public record Split(int[] calibration, int[] holdout, double holdoutFraction, long seed) {

    public static Split random(int n, double holdoutFraction, long seed) {
        if (!(holdoutFraction >= 0 && holdoutFraction < 1)) throw new IllegalArgumentException("holdout fraction must be in [0,1)");
        int[] perm = shuffled(n, seed);
        int h = (int) Math.round(n * holdoutFraction);
        int[] holdout = Arrays.copyOfRange(perm, 0, h), calibration = Arrays.copyOfRange(perm, h, n);
        Arrays.sort(holdout);
        Arrays.sort(calibration);
        return new Split(calibration, holdout, holdoutFraction, seed);
    }

    /** A Fisher-Yates shuffle of 0..n-1 from {@code seed}. */
    private static int[] shuffled(int n, long seed) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return perm;
    }

    /**
     * k folds of a seeded shuffle (the same shuffle as {@link #random}): fold f holds the shuffled rows
     * at positions f, f + k, ..., each fold sorted. Every row is in exactly one fold.
     */
    public static int[][] folds(int n, int k, long seed) {
        if (k < 2 || k > n) throw new IllegalArgumentException("folds must be in [2, rows]: " + k + " for " + n + " rows");
        int[] perm = shuffled(n, seed);
        int[][] out = new int[k][];
        for (int f = 0; f < k; f++) {
            int[] fold = new int[(n - f + k - 1) / k];
            for (int j = 0, i = f; i < n; i += k) fold[j++] = perm[i];
            Arrays.sort(fold);
            out[f] = fold;
        }
        return out;
    }

    /** The rows of 0..n-1 not in {@code sortedRows}, ascending. */
    public static int[] complement(int n, int[] sortedRows) {
        int[] out = new int[n - sortedRows.length];
        int j = 0, m = 0;
        for (int i = 0; i < n; i++) {
            if (j < sortedRows.length && sortedRows[j] == i) j++;
            else out[m++] = i;
        }
        return out;
    }
}
