package io.hybench.calibrate.cost;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything {@code hybench cost} computed, as written to {@code cost.json}: the inputs, the derived
 * figures and the monthly cost curve the report draws. Money in USD, volumes in tokens per month.
 * A figure that does not exist (no break-even) is NaN, written as "NaN". The API and self-hosted
 * figures are nested for readers of the code; in cost.json they stay top-level fields ({@link JsonUnwrapped}).
 */
public record CostAnalysis(MeasuredThroughput throughput, SelfHostedSetup setup, @JsonUnwrapped Api api, double localShare,
                           @JsonUnwrapped SelfHosted selfHosted, double breakEvenTokensPerMonth, List<Point> curve) {

    /**
     * The API model, its price (as of a date) and the blended price per million tokens for the measured input share,
     * {@code apiCachedShare} of the input at the cache-read price (written only when not 0).
     */
    public record Api(String apiModel, String pricesAsOf, ModelPrice apiPrice, double apiUsdPerMillion,
                      @JsonInclude(JsonInclude.Include.NON_DEFAULT) double apiCachedShare) {
    }

    /** What one self-hosted machine serves per month at the set utilisation, and what a token costs it. */
    public record SelfHosted(double capacityTokensPerMonth, double energyUsdPerMillion, double fixedUsdPerMachineMonth,
                             double localUsdPerMillionAtCapacity) {
        static SelfHosted of(CostModel m) {
            return new SelfHosted(m.capacityTokensPerMonth(), m.energyUsdPerToken() * 1e6, m.fixedUsdPerMachineMonth(),
                    m.localUsdPerMillionAtCapacity());
        }
    }

    /** Monthly cost of each option at one volume. */
    public record Point(double tokensPerMonth, int machines, double localUsd, double apiUsd, double hybridUsd) {
    }

    /** Runs the model over a log-spaced volume grid from 10^7 to 10^12 tokens per month (10 points a decade). */
    public static CostAnalysis of(MeasuredThroughput t, SelfHostedSetup setup, String apiModel, String pricesAsOf,
                                  ModelPrice price, double localShare, double apiCachedShare) {
        double apiPerMillion = CostModel.blendedApiPrice(price, t.inputShare(), apiCachedShare);
        CostModel m = new CostModel(setup, apiPerMillion);
        List<Point> curve = new ArrayList<>();
        for (int i = 0; i <= 50; i++) {
            double v = Math.pow(10, 7 + i / 10.0);
            curve.add(new Point(v, m.machinesFor(v), m.localUsdPerMonth(v), m.apiUsdPerMonth(v), m.hybridUsdPerMonth(v, localShare)));
        }
        return new CostAnalysis(t, setup, new Api(apiModel, pricesAsOf, price, apiPerMillion, apiCachedShare), localShare, SelfHosted.of(m),
                m.breakEvenTokensPerMonth(), curve);
    }
}
