package io.hybench.calibrate.fit;

import io.hybench.calibrate.policy.Outcomes;

/**
 * The reference routers every calibration is compared with. Cloud-only and oracle pay one side per
 * query (no local run); the random router sends half the queries to the cloud (its expectation);
 * the oracle sends a query to the cloud exactly when the cloud answer is better, keeping ties local.
 */
public record References(Figure localOnly, Figure cloudOnly, Figure random, Figure oracle) {

    /** Accuracy, cost per 1k queries and share answered locally of one reference router. */
    public record Figure(double accuracy, double costPer1k, double shareLocal) {
    }

    public static References of(Outcomes o) {
        int n = o.size();
        double lq = 0, cq = 0, lc = 0, cc = 0, oq = 0, oc = 0;
        int oracleLocal = 0;
        for (int i = 0; i < n; i++) {
            double l = o.localQuality()[i], c = o.cloudQuality()[i];
            lq += l;
            cq += c;
            lc += o.localCost()[i];
            cc += o.cloudCost()[i];
            if (c > l) {
                oq += c;
                oc += o.cloudCost()[i];
            } else {
                oq += l;
                oc += o.localCost()[i];
                oracleLocal++;
            }
        }
        Figure local = new Figure(lq / n, 1000 * lc / n, 1);
        Figure cloud = new Figure(cq / n, 1000 * cc / n, 0);
        Figure random = new Figure((local.accuracy + cloud.accuracy) / 2, (local.costPer1k + cloud.costPer1k) / 2, 0.5);
        return new References(local, cloud, random, new Figure(oq / n, 1000 * oc / n, (double) oracleLocal / n));
    }

    /** Performance gap recovered: where an accuracy sits between local-only (0) and cloud-only (1). */
    public double pgr(double accuracy) {
        return (accuracy - localOnly.accuracy) / (cloudOnly.accuracy - localOnly.accuracy);
    }

    /** The accuracy that recovers a fraction {@code pgr} of the local-to-cloud gap. */
    public double accuracyAtPgr(double pgr) {
        return localOnly.accuracy + pgr * (cloudOnly.accuracy - localOnly.accuracy);
    }
}
