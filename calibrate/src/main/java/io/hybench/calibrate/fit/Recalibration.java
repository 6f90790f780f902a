package io.hybench.calibrate.fit;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.hybench.calibrate.policy.ScoreOrder;
import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.analysis.MultivariateVectorFunction;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleValueChecker;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunctionGradient;
import org.apache.commons.math3.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;

import java.util.Arrays;

/**
 * A monotone map from an (oriented) score to the probability that the local answer is right, so
 * thresholds read as probabilities. Fitted on the calibration split against local quality (0/1, or a
 * quality in [0,1] read as a probability); the router applies the same map before its thresholds.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "method")
@JsonSubTypes({@JsonSubTypes.Type(value = Recalibration.Isotonic.class, name = "isotonic"),
        @JsonSubTypes.Type(value = Recalibration.Platt.class, name = "platt")})
public sealed interface Recalibration {

    /** Which recalibration a calibration fits. */
    enum Method { NONE, ISOTONIC, PLATT }

    double apply(double score);

    /** Fits {@code method} (not NONE) to scores and local qualities. */
    static Recalibration fit(Method method, double[] score, double[] localQuality) {
        return switch (method) {
            case ISOTONIC -> Isotonic.fit(score, localQuality);
            case PLATT -> Platt.fit(score, localQuality);
            case NONE -> throw new IllegalArgumentException("no recalibration to fit");
        };
    }

    /**
     * Isotonic regression by pool-adjacent-violators: a non-decreasing step function. Block j covers
     * scores up to {@code upperScores[j]} (above the previous block's bound) and maps them to the block's
     * mean quality; scores above the last bound take the last value.
     */
    record Isotonic(double[] upperScores, double[] probabilities) implements Recalibration {
        @Override
        public double apply(double score) {
            int i = Arrays.binarySearch(upperScores, score + 0.0); // bounds are distinct; + 0.0 joins -0.0 and 0.0
            return probabilities[i >= 0 ? i : Math.min(-i - 1, upperScores.length - 1)];
        }

        static Isotonic fit(double[] score, double[] quality) {
            int n = score.length;
            if (n == 0) throw new IllegalArgumentException("isotonic recalibration needs rows");
            int[] order = ScoreOrder.ascending(score);
            double[] sum = new double[n], weight = new double[n], upper = new double[n];
            int m = 0;
            for (int k = 0; k < n; ) {
                int i = order[k];
                double s = score[i] + 0.0, q = 0;
                int w = 0;
                for (; k < n && score[order[k]] == s; k++, w++) q += quality[order[k]];
                sum[m] = q;
                weight[m] = w;
                upper[m++] = s;
                while (m > 1 && sum[m - 2] / weight[m - 2] >= sum[m - 1] / weight[m - 1]) { // pool a violation (or a tie)
                    sum[m - 2] += sum[m - 1];
                    weight[m - 2] += weight[m - 1];
                    upper[m - 2] = upper[m - 1];
                    m--;
                }
            }
            double[] p = new double[m];
            for (int j = 0; j < m; j++) p[j] = sum[j] / weight[j];
            return new Isotonic(Arrays.copyOf(upper, m), p);
        }
    }

    /**
     * Platt scaling: p = 1 / (1 + exp(-(slope * score + intercept))), fitted by maximum likelihood
     * (cross-entropy, Commons Math's nonlinear conjugate gradient on standardised scores). With 0/1
     * qualities the targets are Platt's (N+ + 1)/(N+ + 2) and 1/(N- + 2), which keep the fit finite when
     * the classes separate.
     */
    record Platt(double slope, double intercept) implements Recalibration {
        @Override
        public double apply(double score) {
            return 1 / (1 + Math.exp(-(slope * score + intercept)));
        }

        static Platt fit(double[] score, double[] quality) {
            int n = score.length;
            if (n == 0) throw new IllegalArgumentException("Platt recalibration needs rows");
            double mean = 0, sq = 0;
            for (double s : score) mean += s;
            mean /= n;
            for (double s : score) sq += (s - mean) * (s - mean);
            double sd = Math.sqrt(sq / n);
            double[] z = new double[n], t = new double[n];
            int pos = 0, neg = 0;
            boolean binary = true;
            for (int i = 0; i < n; i++) {
                z[i] = sd > 0 ? (score[i] - mean) / sd : 0;
                if (quality[i] == 1) pos++;
                else if (quality[i] == 0) neg++;
                else binary = false;
            }
            for (int i = 0; i < n; i++) t[i] = !binary ? quality[i] : quality[i] == 1 ? (pos + 1.0) / (pos + 2) : 1.0 / (neg + 2);
            MultivariateFunction loss = ab -> {
                double l = 0;
                for (int i = 0; i < n; i++) {
                    double x = ab[0] * z[i] + ab[1];
                    l += Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))) - t[i] * x; // -log likelihood, stably
                }
                return l;
            };
            MultivariateVectorFunction gradient = ab -> {
                double ga = 0, gb = 0;
                for (int i = 0; i < n; i++) {
                    double d = 1 / (1 + Math.exp(-(ab[0] * z[i] + ab[1]))) - t[i];
                    ga += d * z[i];
                    gb += d;
                }
                return new double[]{ga, gb};
            };
            PointValuePair best = new NonLinearConjugateGradientOptimizer(NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE,
                    new SimpleValueChecker(1e-12, 1e-12)).optimize(new MaxEval(10_000), GoalType.MINIMIZE,
                    new ObjectiveFunction(loss), new ObjectiveFunctionGradient(gradient), new InitialGuess(new double[]{0, 0}));
            double a = best.getPoint()[0], b = best.getPoint()[1];
            return sd > 0 ? new Platt(a / sd, b - a * mean / sd) : new Platt(0, b);
        }
    }
}
