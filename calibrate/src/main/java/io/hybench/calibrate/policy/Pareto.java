package io.hybench.calibrate.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The cost/accuracy Pareto frontier: points no other point beats on both cost (lower) and accuracy
 * (higher). Ties: among equal cost the most accurate wins; among equal cost and accuracy the one
 * with the larger local share, then the one listed first.
 */
public final class Pareto {
    private static final Comparator<CurvePoint> ORDER = Comparator.comparingDouble(CurvePoint::costPer1k)
            .thenComparing(Comparator.comparingDouble(CurvePoint::accuracy).reversed())
            .thenComparing(Comparator.comparingDouble(CurvePoint::shareLocal).reversed());

    private Pareto() {
    }

    /** The frontier, by increasing cost and strictly increasing accuracy. */
    public static List<CurvePoint> frontier(List<CurvePoint> points) {
        List<CurvePoint> sorted = new ArrayList<>(points);
        sorted.sort(ORDER);
        List<CurvePoint> out = new ArrayList<>();
        double best = Double.NEGATIVE_INFINITY;
        for (CurvePoint p : sorted) {
            if (p.accuracy() > best) {
                out.add(p);
                best = p.accuracy();
            }
        }
        return out;
    }
}
