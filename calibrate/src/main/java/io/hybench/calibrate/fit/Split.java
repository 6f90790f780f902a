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
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int h = (int) Math.round(n * holdoutFraction);
        int[] holdout = Arrays.copyOfRange(perm, 0, h), calibration = Arrays.copyOfRange(perm, h, n);
        Arrays.sort(holdout);
        Arrays.sort(calibration);
        return new Split(calibration, holdout, holdoutFraction, seed);
    }
}
