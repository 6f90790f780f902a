package io.hybench.calibrate.cost;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything {@code hybench cost} computed, as written to {@code cost.json}: the inputs, the derived
 * figures and the monthly cost curve the report draws. Money in USD, volumes in tokens per month.
 * A figure that does not exist (no break-even) is NaN, written as "NaN".
 */
public record CostAnalysis(
        MeasuredThroughput throughput,
        SelfHostedSetup setup,
        String apiModel,
        String pricesAsOf,
        ModelPrice apiPrice,
        double apiUsdPerMillion,
        double localShare,
        double capacityTokensPerMonth,
        double energyUsdPerMillion,
        double fixedUsdPerMachineMonth,
        double localUsdPerMillionAtCapacity,
        double breakEvenTokensPerMonth,
        List<Point> curve) {

    /** Monthly cost of each option at one volume. */
    public record Point(double tokensPerMonth, int machines, double localUsd, double apiUsd, double hybridUsd) {
    }

    /** Runs the model over a log-spaced volume grid from 10^7 to 10^12 tokens per month (10 points a decade). */
    public static CostAnalysis of(MeasuredThroughput t, SelfHostedSetup setup, String apiModel, String pricesAsOf,
                                  ModelPrice price, double localShare) {
        double apiPerMillion = CostModel.blendedApiPrice(price, t.inputShare());
        CostModel m = new CostModel(setup, apiPerMillion);
        List<Point> curve = new ArrayList<>();
        for (int i = 0; i <= 50; i++) {
            double v = Math.pow(10, 7 + i / 10.0);
            curve.add(new Point(v, m.machinesFor(v), m.localUsdPerMonth(v), m.apiUsdPerMonth(v), m.hybridUsdPerMonth(v, localShare)));
        }
        return new CostAnalysis(t, setup, apiModel, pricesAsOf, price, apiPerMillion, localShare, m.capacityTokensPerMonth(),
                m.energyUsdPerToken() * 1e6, m.fixedUsdPerMachineMonth(), m.localUsdPerMillionAtCapacity(), m.breakEvenTokensPerMonth(), curve);
    }
}
