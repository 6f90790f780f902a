package io.hybench.calibrate.fit;

import io.hybench.calibrate.policy.CurvePoint;
import org.apache.commons.math3.distribution.BinomialDistribution;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Learn-then-Test with fixed-sequence testing (Angelopoulos et al., 2021): a threshold whose accuracy
 * on new queries from the same distribution is at least the target with probability >= 1 - delta.
 *
 * <p>For each candidate point, H0 is "true accuracy < target". Its p-value is the binomial tail
 * P(Bin(n, target) >= k) when qualities are 0/1 (k = correct answers among n calibration rows), and
 * Hoeffding's exp(-2n(mean - target)^2) for qualities in [0,1]. Candidates are tested in a fixed
 * order, from the most cloud calls to the fewest; testing stops at the first p-value above delta,
 * and the cheapest point rejected so far is chosen. Fixed-sequence testing controls the family-wise
 * error at delta without a multiplicity correction.
 */
public final class RiskControl {
    private RiskControl() {
    }

    public record Choice(CurvePoint point, double pValue, int tested) {
    }

    public static Optional<Choice> choose(List<CurvePoint> curve, int n, boolean binary, double target, double delta) {
        List<CurvePoint> order = new ArrayList<>(curve);
        order.sort(Comparator.comparingDouble(CurvePoint::cloudShare).reversed()
                .thenComparing(Comparator.comparingDouble(CurvePoint::costPer1k).reversed()));
        Choice best = null;
        int tested = 0;
        for (CurvePoint p : order) {
            tested++;
            double pv = pValue(p.accuracy(), n, binary, target);
            if (pv > delta) break;
            if (best == null || Objective.CHEAPEST.compare(p, best.point) < 0) best = new Choice(p, pv, tested);
        }
        if (best == null) return Optional.empty();
        return Optional.of(new Choice(best.point, best.pValue, tested));
    }

    static double pValue(double accuracy, int n, boolean binary, double target) {
        if (target <= 0) return 0;
        if (target >= 1) return accuracy >= 1 ? 0 : 1;
        if (binary) {
            int k = (int) Math.round(accuracy * n);
            return 1 - new BinomialDistribution(null, n, target).cumulativeProbability(k - 1);
        }
        return accuracy <= target ? 1 : Math.exp(-2 * n * (accuracy - target) * (accuracy - target));
    }
}
