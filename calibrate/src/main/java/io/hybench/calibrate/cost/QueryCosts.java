package io.hybench.calibrate.cost;

import io.hybench.calibrate.data.LabeledDataset;
import io.hybench.calibrate.data.LabeledRow;
import io.hybench.calibrate.data.SideOutcome;

import java.util.List;

/**
 * Each row's cost on each side. A per-row cost column wins; otherwise tokens times the price file.
 * When any row's cost on either side stays unknown, all costs fall back to {@link CostUnit#CLOUD_CALLS}
 * and {@code note} says why, so USD and call counts are never mixed.
 */
public record QueryCosts(CostUnit unit, double[] local, double[] cloud, String note) {

    public static QueryCosts of(LabeledDataset data, PriceFile prices) {
        List<LabeledRow> rows = data.rows();
        int n = rows.size();
        double[] local = new double[n], cloud = new double[n];
        String localModel = data.mapping().local().model(), cloudModel = data.mapping().cloud().model();
        ModelPrice lp = prices == null ? null : prices.price(localModel).orElse(null);
        ModelPrice cp = prices == null ? null : prices.price(cloudModel).orElse(null);
        for (int i = 0; i < n; i++) {
            LabeledRow r = rows.get(i);
            local[i] = usd(r.local(), lp);
            cloud[i] = usd(r.cloud(), cp);
            if (Double.isNaN(local[i]) || Double.isNaN(cloud[i])) {
                String side = Double.isNaN(local[i]) ? "local (" + localModel + ")" : "cloud (" + cloudModel + ")";
                String why = prices == null ? "no price file given" : "no cost column, or no token counts with a price in " + prices.asOf();
                return callCounts(n, "row " + r.source() + " has no " + side + " cost: " + why + "; costs count cloud calls");
            }
        }
        return new QueryCosts(CostUnit.USD, local, cloud, prices == null ? "per-row costs" : "prices as of " + prices.asOf());
    }

    static QueryCosts callCounts(int n, String note) {
        double[] cloud = new double[n];
        java.util.Arrays.fill(cloud, 1.0);
        return new QueryCosts(CostUnit.CLOUD_CALLS, new double[n], cloud, note);
    }

    private static double usd(SideOutcome s, ModelPrice price) {
        if (!Double.isNaN(s.costUsd())) return s.costUsd();
        if (price != null && s.hasTokens()) return price.costUsd(s.inputTokens(), s.outputTokens());
        return Double.NaN;
    }
}
