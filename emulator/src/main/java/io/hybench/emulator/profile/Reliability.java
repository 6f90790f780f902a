package io.hybench.emulator.profile;

import java.util.Arrays;

/**
 * The emulated model's calibration curve: the probability that an answer given with stated confidence
 * {@code c} is correct. The identity is a well-calibrated model; a curve below the diagonal is an
 * over-confident one.
 */
public sealed interface Reliability {
    /** P(correct | stated confidence c), c in [0, 1]. */
    double probability(double c);

    /** P(correct | c) = c. */
    record Calibrated() implements Reliability {
        @Override
        public double probability(double c) {
            return c;
        }
    }

    /** P(correct | c) = c^exponent; an exponent above 1 is over-confidence, below 1 under-confidence. */
    record Power(double exponent) implements Reliability {
        @Override
        public double probability(double c) {
            return Math.pow(c, exponent);
        }
    }

    /**
     * A table of (confidence, probability) points, linear between them and flat beyond the first and
     * last (confidences strictly increasing, all values in [0, 1]; checked by the profile loader).
     */
    record Points(double[] confidences, double[] probabilities) implements Reliability {
        public Points {
            confidences = confidences.clone();
            probabilities = probabilities.clone();
        }

        @Override
        public double probability(double c) {
            int n = confidences.length;
            if (c <= confidences[0]) return probabilities[0];
            if (c >= confidences[n - 1]) return probabilities[n - 1];
            int i = Arrays.binarySearch(confidences, c);
            if (i >= 0) return probabilities[i];
            int hi = -i - 1, lo = hi - 1;
            double t = (c - confidences[lo]) / (confidences[hi] - confidences[lo]);
            return probabilities[lo] + t * (probabilities[hi] - probabilities[lo]);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Points p && Arrays.equals(confidences, p.confidences) && Arrays.equals(probabilities, p.probabilities);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(confidences) + Arrays.hashCode(probabilities);
        }

        @Override
        public String toString() {
            return "Points" + Arrays.toString(confidences) + "->" + Arrays.toString(probabilities);
        }
    }
}
