package io.hybench.calibrate.hybrid;

import io.hybench.calibrate.cost.CostUnit;
import io.hybench.calibrate.cost.ModelPrice;
import io.hybench.calibrate.cost.PriceFile;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Legs priced with the price file's prompt-cache prices, hand-computed. */
class LegPricingTest {
    @Test
    void aCloudLegPaysCacheReadsAndWritesAtTheirPrices() {
        PriceFile prices = new PriceFile(LocalDate.of(2026, 1, 1), "USD", Map.of(
                "local", new ModelPrice(0, 0, "self-hosted"),
                "claude", new ModelPrice(3.00, 15.00, "a", 0.30, 3.75)));
        LegPricing p = LegPricing.of(prices, "local", "claude");
        assertEquals(CostUnit.USD, p.unit());
        // 5,000 prompt tokens: 4,000 read, 800 written, 200 plain; 100 output
        // (200 x 3.00 + 4,000 x 0.30 + 800 x 3.75 + 100 x 15.00) / 1e6 = (600 + 1,200 + 3,000 + 1,500) / 1e6
        assertEquals(0.0063, p.cloudLeg(5_000, 4_000, 800, 100).cost(), 1e-15);
        // the same prompt uncached: (5,000 x 3.00 + 100 x 15.00) / 1e6
        assertEquals(0.0165, p.cloudLeg(5_000, 100).cost(), 1e-15);
    }
}
