package io.hybench.calibrate.hybrid;

import io.hybench.calibrate.cost.CostUnit;
import io.hybench.calibrate.cost.ModelPrice;
import io.hybench.calibrate.cost.PriceFile;

/**
 * How a leg is priced, as calibrate prices a labeled row ({@link io.hybench.calibrate.cost.QueryCosts}):
 * USD (tokens times the price file, cached and cache-written prompt tokens at its cache prices) when both models have a price; otherwise cloud calls (a cloud leg
 * costs 1, a local leg 0), so USD and call counts are never mixed.
 */
public record LegPricing(CostUnit unit, ModelPrice local, ModelPrice cloud, String note) {

    public static LegPricing of(PriceFile prices, String localModel, String cloudModel) {
        ModelPrice lp = prices == null ? null : prices.price(localModel).orElse(null);
        ModelPrice cp = prices == null ? null : prices.price(cloudModel).orElse(null);
        if (lp != null && cp != null) return new LegPricing(CostUnit.USD, lp, cp, "prices as of " + prices.asOf());
        String why = prices == null ? "no price file given"
                : "no price for " + (lp == null ? "local model '" + localModel + "'" : "cloud model '" + cloudModel + "'") + " in the price file of " + prices.asOf();
        return new LegPricing(CostUnit.CLOUD_CALLS, null, null, why + "; costs count cloud calls");
    }

    public Leg localLeg(double inputTokens, double outputTokens, String source) {
        return localLeg(inputTokens, 0, 0, outputTokens, source);
    }

    /** A local leg whose prompt was partly served from ({@code cached}) or written to ({@code written}) the server's prompt cache. */
    public Leg localLeg(double inputTokens, double cached, double written, double outputTokens, String source) {
        return new Leg(inputTokens, outputTokens, unit == CostUnit.USD ? local.costUsd(inputTokens, cached, written, outputTokens) : 0, source);
    }

    public Leg cloudLeg(double inputTokens, double outputTokens) {
        return cloudLeg(inputTokens, 0, 0, outputTokens);
    }

    /** The cloud leg, its cached and cache-written prompt tokens at the price file's cache prices. */
    public Leg cloudLeg(double inputTokens, double cached, double written, double outputTokens) {
        return new Leg(inputTokens, outputTokens, unit == CostUnit.USD ? cloud.costUsd(inputTokens, cached, written, outputTokens) : 1, Leg.RESPONSE);
    }
}
