package io.hybench.emulator.profile;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.hybench.core.config.Checks;

import java.util.Arrays;

/**
 * The emulated model's calibration curve: the probability that an answer given with stated confidence
 * {@code c} is correct. The identity is a well-calibrated model; a curve below the diagonal is an
 * over-confident one.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "curve")
@JsonSubTypes({@JsonSubTypes.Type(value = Reliability.Calibrated.class, name = "calibrated"),
        @JsonSubTypes.Type(value = Reliability.Power.class, name = "power"),
        @JsonSubTypes.Type(value = Reliability.Points.class, name = "points")})
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
        @JsonCreator
        static Power fromFile(@JsonProperty(value = "exponent", required = true) double exponent) {
            return new Power(Checks.within("exponent", exponent, 0.01, 100));
        }

        @Override
        public double probability(double c) {
            return Math.pow(c, exponent);
        }
    }

    /**
     * A table of (confidence, probability) points, linear between them and flat beyond the first and
     * last (confidences strictly increasing, all values in [0, 1]; checked when read from a file).
     */
    record Points(double[] confidences, double[] probabilities) implements Reliability {
        public Points {
            confidences = confidences.clone();
            probabilities = probabilities.clone();
        }

        /** {@code points: [[confidence, probability], ...]}: at least two, confidences strictly increasing. */
        @JsonCreator
        static Points fromFile(@JsonProperty(value = "points", required = true) double[][] points) {
            if (points.length < 2) throw new IllegalArgumentException("points must list at least 2 [confidence, probability] pairs");
            double[] c = new double[points.length], p = new double[points.length];
            for (int i = 0; i < points.length; i++) {
                if (points[i].length != 2) throw new IllegalArgumentException("points[" + i + "] must be a pair [confidence, probability]");
                c[i] = points[i][0];
                p[i] = points[i][1];
                if (!(c[i] >= 0 && c[i] <= 1 && p[i] >= 0 && p[i] <= 1)) {
                    throw new IllegalArgumentException("points[" + i + "] must hold numbers in [0, 1], was " + Arrays.toString(points[i]));
                }
                if (i > 0 && c[i] <= c[i - 1]) {
                    throw new IllegalArgumentException("points[" + i + "] must increase strictly in confidence, " + c[i] + " follows " + c[i - 1]);
                }
            }
            return new Points(c, p);
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
