package io.hybench.calibrate.policy;

/**
 * Row indices in ascending score order, on primitive arrays only: an LSD radix sort (11-bit digits)
 * over the scores' order-preserving 64-bit keys, carrying the row index. Stable, so equal scores keep
 * row order; O(n) per digit, and digits every key shares are skipped (real scores differ in few of
 * them). -0.0 and 0.0 are one value here, as they are to the policies' {@code <} comparisons.
 */
public final class ScoreOrder {
    private static final int BITS = 11, RADIX = 1 << BITS, MASK = RADIX - 1, DIGITS = (64 + BITS - 1) / BITS;

    private ScoreOrder() {
    }

    /** Row indices by ascending score; equal scores in row order. */
    public static int[] ascending(double[] scores) {
        int n = scores.length;
        long[] keys = new long[n];
        int[][] counts = new int[DIGITS][RADIX];
        for (int i = 0; i < n; i++) {
            long k = key(scores[i]);
            keys[i] = k;
            for (int d = 0; d < DIGITS; d++) counts[d][(int) (k >>> (d * BITS)) & MASK]++;
        }
        int[] idx = new int[n], idxTmp = new int[n];
        long[] keysTmp = new long[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        for (int d = 0; d < DIGITS; d++) {
            int[] c = counts[d];
            if (n == 0 || c[(int) (keys[0] >>> (d * BITS)) & MASK] == n) continue; // every key has this digit
            int sum = 0;
            for (int b = 0; b < RADIX; b++) {
                int t = c[b];
                c[b] = sum;
                sum += t;
            }
            for (int i = 0; i < n; i++) {
                int pos = c[(int) (keys[i] >>> (d * BITS)) & MASK]++;
                keysTmp[pos] = keys[i];
                idxTmp[pos] = idx[i];
            }
            long[] kt = keys;
            keys = keysTmp;
            keysTmp = kt;
            int[] it = idx;
            idx = idxTmp;
            idxTmp = it;
        }
        return idx;
    }

    /** A long whose unsigned order is the double's numeric order (negative: flip all bits; else flip the sign bit). */
    static long key(double v) {
        long bits = Double.doubleToLongBits(v + 0.0); // + 0.0 turns -0.0 into 0.0
        return bits ^ ((bits >> 63) | Long.MIN_VALUE);
    }
}
