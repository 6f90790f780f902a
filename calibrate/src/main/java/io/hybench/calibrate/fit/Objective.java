package io.hybench.calibrate.fit;

import io.hybench.calibrate.policy.CurvePoint;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What the user asks the calibration for. Each objective picks one point of a curve; ties are broken
 * the same way everywhere: lower cost, then higher accuracy, then larger local share, then the
 * point listed first (lower threshold).
 */
public sealed interface Objective {
    Comparator<CurvePoint> CHEAPEST = Comparator.comparingDouble(CurvePoint::costPer1k)
            .thenComparing(Comparator.comparingDouble(CurvePoint::accuracy).reversed())
            .thenComparing(Comparator.comparingDouble(CurvePoint::shareLocal).reversed());
    Comparator<CurvePoint> MOST_ACCURATE = Comparator.comparingDouble(CurvePoint::accuracy).reversed()
            .thenComparing(CHEAPEST);

    /** A short label for tables and JSON. */
    String label();

    /** The accuracy the objective promises, when it promises one (for "target met" figures). */
    default double accuracyTarget(References refs) {
        return Double.NaN;
    }

    /** Whether a point meets the objective's constraint ({@code refs}: those the objective was fitted with). */
    boolean satisfiedBy(CurvePoint p, References refs);

    default Optional<CurvePoint> choose(List<CurvePoint> curve, References refs) {
        return best(curve, p -> satisfiedBy(p, refs), order());
    }

    /** Which of the satisfying points is best. */
    Comparator<CurvePoint> order();

    /** Cheapest point with accuracy >= target. */
    record MinAccuracy(double accuracy) implements Objective {
        public MinAccuracy {
            requireFraction("target accuracy", accuracy);
        }

        public String label() {
            return "accuracy>=" + accuracy;
        }

        public double accuracyTarget(References refs) {
            return accuracy;
        }

        public boolean satisfiedBy(CurvePoint p, References refs) {
            return p.accuracy() >= accuracy;
        }

        public Comparator<CurvePoint> order() {
            return CHEAPEST;
        }
    }

    /** Cheapest point recovering a fraction of the local-to-cloud accuracy gap (RouteLLM's PGR). */
    record MinPgr(double pgr) implements Objective {
        public MinPgr {
            requireFraction("target PGR (a fraction of the local-to-cloud accuracy gap)", pgr);
        }

        public String label() {
            return "pgr>=" + pgr;
        }

        public double accuracyTarget(References refs) {
            return refs.accuracyAtPgr(pgr);
        }

        public boolean satisfiedBy(CurvePoint p, References refs) {
            return p.accuracy() >= accuracyTarget(refs);
        }

        public Comparator<CurvePoint> order() {
            return CHEAPEST;
        }
    }

    /** Most accurate point costing at most the budget per 1,000 queries. */
    record CostBudget(double costPer1k) implements Objective {
        public String label() {
            return "costPer1k<=" + costPer1k;
        }

        public boolean satisfiedBy(CurvePoint p, References refs) {
            return p.costPer1k() <= costPer1k;
        }

        public Comparator<CurvePoint> order() {
            return MOST_ACCURATE;
        }
    }

    /** Most accurate point that still answers at least this share locally. */
    record MinLocalShare(double shareLocal) implements Objective {
        public MinLocalShare {
            requireFraction("minimum local share", shareLocal);
        }

        public String label() {
            return "shareLocal>=" + shareLocal;
        }

        public boolean satisfiedBy(CurvePoint p, References refs) {
            return p.shareLocal() >= shareLocal;
        }

        public Comparator<CurvePoint> order() {
            return MOST_ACCURATE;
        }
    }

    /** Most accurate point whose mean latency stays within the bound (needs latencies). */
    record MaxLatency(double latencyMs) implements Objective {
        public String label() {
            return "latencyMs<=" + latencyMs;
        }

        public boolean satisfiedBy(CurvePoint p, References refs) {
            return p.latencyMs() <= latencyMs;
        }

        public Comparator<CurvePoint> order() {
            return MOST_ACCURATE;
        }
    }

    private static Optional<CurvePoint> best(List<CurvePoint> curve, Predicate<CurvePoint> ok, Comparator<CurvePoint> order) {
        CurvePoint best = null;
        for (CurvePoint p : curve) if (ok.test(p) && (best == null || order.compare(p, best) < 0)) best = p;
        return Optional.ofNullable(best);
    }

    private static void requireFraction(String what, double v) {
        if (!(v >= 0 && v <= 1)) throw new IllegalArgumentException(what + " must be in [0, 1], was " + v);
    }
}
