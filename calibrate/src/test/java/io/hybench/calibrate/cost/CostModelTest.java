package io.hybench.calibrate.cost;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CostModelTest {

    // One machine: $1,460/month hardware (2 $/h), $540 ops, 700 W active, no idle draw, 0.10 $/kWh,
    // 10,000 tokens/s goodput, busy all month.
    private static final SelfHostedSetup SETUP = new SelfHostedSetup(SelfHostedSetup.rentPerMonth(2.0), 540, 700, 0, 0.10, 10_000, 1.0);

    @Test
    void handComputedCapacityEnergyAndBreakEven() {
        CostModel m = new CostModel(SETUP, 0.20);
        assertEquals(10_000 * 3600 * 730.0, m.capacityTokensPerMonth(), 1e-3);            // 26.28 B tokens
        assertEquals(700.0 / 10_000 * 0.10 / 3.6e6, m.energyUsdPerToken(), 1e-18);      // 1.944e-9 $/token
        assertEquals(2_000.0, m.fixedUsdPerMachineMonth(), 1e-9);
        // V* = 2000 / (0.20e-6 - 1.944e-9) = 10.10 B tokens per month
        assertEquals(2_000 / (0.20e-6 - 700.0 / 10_000 * 0.10 / 3.6e6), m.breakEvenTokensPerMonth(), 1);
        assertEquals(m.localUsdPerMonth(m.breakEvenTokensPerMonth()), m.apiUsdPerMonth(m.breakEvenTokensPerMonth()), 1e-6);
    }

    @Test
    void noBreakEvenWhenTheApiIsCheaperThanOneMachineCanEverBe() {
        assertTrue(Double.isNaN(new CostModel(SETUP, 0.001).breakEvenTokensPerMonth()), "API below electricity cost");
        assertTrue(Double.isNaN(new CostModel(SETUP, 0.05).breakEvenTokensPerMonth()), "break-even beyond one machine's capacity");
    }

    @Test
    void machinesAreWholeAndIdlePowerIsFixedCost() {
        CostModel m = new CostModel(SETUP, 0.20);
        assertEquals(1, m.machinesFor(0));
        assertEquals(2, m.machinesFor(m.capacityTokensPerMonth() + 1));
        var idle = new SelfHostedSetup(1000, 0, 700, 100, 0.10, 10_000, 0.5);
        // 100 W x 365 h idle = 36.5 kWh = $3.65
        assertEquals(1003.65, new CostModel(idle, 0.2).fixedUsdPerMachineMonth(), 1e-9);
    }

    @Test
    void blendedPriceWeighsInputAndOutput() {
        assertEquals(0.75 * 2.5 + 0.25 * 10, CostModel.blendedApiPrice(new ModelPrice(2.5, 10, "x"), 0.75), 1e-12);
        // 75% input, 40% of it cached at 1.25 (gpt-4o): 0.75 x (0.6 x 2.5 + 0.4 x 1.25) + 0.25 x 10 = 0.75 x 2.0 + 2.5 = 4.0
        assertEquals(4.0, CostModel.blendedApiPrice(new ModelPrice(2.5, 10, "x", 1.25, null), 0.75, 0.4), 1e-12);
        assertEquals(0.75 * 2.5 + 0.25 * 10, CostModel.blendedApiPrice(new ModelPrice(2.5, 10, "x"), 0.75, 0.4), 1e-12,
                "without a cache price cached input costs the input price");
        assertThrows(IllegalArgumentException.class, () -> new SelfHostedSetup(1, 1, 1, 1, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new SelfHostedSetup(1, 1, 1, 1, 1, 1, 1.5));
    }

    @Property(tries = 200)
    void hybridLiesBetweenItsEndsAndMatchesThemAtTheEnds(@ForAll @DoubleRange(min = 0, max = 5e10) double volume,
                                                         @ForAll @DoubleRange(min = 0, max = 1) double share) {
        CostModel m = new CostModel(SETUP, 0.20);
        assertEquals(m.apiUsdPerMonth(volume), m.hybridUsdPerMonth(volume, 0), 1e-6);
        assertEquals(m.localUsdPerMonth(volume), m.hybridUsdPerMonth(volume, 1), 1e-6);
        double h = m.hybridUsdPerMonth(volume, share);
        assertTrue(h >= 0 && h <= m.apiUsdPerMonth(volume) + m.localUsdPerMonth(volume) + 1e-6);
    }
}
