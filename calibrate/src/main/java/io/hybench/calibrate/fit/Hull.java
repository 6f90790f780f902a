package io.hybench.calibrate.fit;

import io.hybench.calibrate.policy.CurvePoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The upper convex hull of the cost/accuracy frontier: what randomising between two thresholds can
 * reach (with probability w use one point, else the other, giving the w-weighted mix of their cost
 * and accuracy). Its vertices are frontier points; it never lies below the frontier.
 */
public final class Hull {
    private Hull() {
    }

    /** A randomised operating point: use {@code upper} with probability {@code pUpper}, else {@code lower}. */
    public record Mixture(CurvePoint lower, CurvePoint upper, double pUpper, double accuracy, double costPer1k) {
    }

    /** Hull vertices from a frontier sorted by increasing cost (as {@code Pareto.frontier} returns). */
    public static List<CurvePoint> upper(List<CurvePoint> frontier) {
        List<CurvePoint> h = new ArrayList<>();
        for (CurvePoint p : frontier) {
            while (h.size() >= 2 && !rightTurn(h.get(h.size() - 2), h.get(h.size() - 1), p)) h.remove(h.size() - 1);
            h.add(p);
        }
        return h;
    }

    private static boolean rightTurn(CurvePoint a, CurvePoint b, CurvePoint c) {
        double cross = (b.costPer1k() - a.costPer1k()) * (c.accuracy() - a.accuracy())
                - (b.accuracy() - a.accuracy()) * (c.costPer1k() - a.costPer1k());
        return cross < 0;
    }

    /** The cheapest mixture on the hull reaching the accuracy; empty when the hull's top is below it. */
    public static Optional<Mixture> cheapestReaching(List<CurvePoint> hull, double accuracy) {
        if (hull.isEmpty()) return Optional.empty();
        CurvePoint first = hull.get(0);
        if (first.accuracy() >= accuracy) return Optional.of(new Mixture(first, first, 0, first.accuracy(), first.costPer1k()));
        for (int i = 1; i < hull.size(); i++) {
            CurvePoint lo = hull.get(i - 1), hi = hull.get(i);
            if (hi.accuracy() >= accuracy) {
                double w = (accuracy - lo.accuracy()) / (hi.accuracy() - lo.accuracy());
                return Optional.of(new Mixture(lo, hi, w, accuracy, lo.costPer1k() + w * (hi.costPer1k() - lo.costPer1k())));
            }
        }
        return Optional.empty();
    }
}
