package io.hybench.calibrate.cost;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryEstimatorTest {

    /** The seed's table: 7B q4_K_M 4-6 GB, 13B 8-10 GB, 70B 38-48 GB (one slot, 2048-token context). */
    @ParameterizedTest
    @CsvSource({"llama-2-7b, 4, 6", "mistral-7b, 4, 6", "llama-2-13b, 8, 10", "llama-2-70b, 38, 48", "llama-3.1-70b, 38, 48"})
    void q4KmEstimatesFallInTheSeedsRanges(String model, double lowGb, double highGb) {
        double gb = MemoryEstimator.estimate(ModelArchitecture.preset(model), Quantization.Q4_K_M, 2048, 1).totalGb();
        assertTrue(gb >= lowGb && gb <= highGb, model + " estimated " + gb + " GB, seed says " + lowGb + "-" + highGb);
    }

    @Test
    void q4KmWeightsAreAboutPointSixGbPerBillionParameters() {
        var m = new ModelArchitecture("x", 10.0, 1, 1, 1);
        double gbPerBillion = MemoryEstimator.estimate(m, Quantization.Q4_K_M, 1, 1, 2, 0).weightsBytes() / 1e9 / 10.0;
        assertEquals(0.606, gbPerBillion, 0.001);
    }

    @Test
    void kvCacheIsHandComputedForLlama31_8b() {
        // 2 (K,V) x 32 layers x 8 KV heads x 128 dims x 2 bytes = 131,072 bytes per token.
        var e = MemoryEstimator.estimate(ModelArchitecture.preset("llama-3.1-8b"), Quantization.FP16, 8192, 4, 2, 0);
        assertEquals(131_072L * 8192 * 4, e.kvCacheBytes());
        assertEquals(Math.round(8.03e9 * 2), e.weightsBytes());
    }

    @Test
    void fitsComparesTotalWithDeviceMemory() {
        var e = new MemoryEstimate(4_000_000_000L, 1_000_000_000L, 500_000_000L);
        assertTrue(e.fits(5_500_000_000L));
        assertFalse(e.fits(5_499_999_999L));
    }

    @Test
    void badInputsNameTheField() {
        var m = ModelArchitecture.preset("mistral-7b");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MemoryEstimator.estimate(m, Quantization.Q8_0, 0, 1))
                .getMessage().contains("contextTokens"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Quantization.parse("q3_xx"))
                .getMessage().contains("q4_k_m"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelArchitecture.preset("gpt-5"))
                .getMessage().contains("llama-3.1-8b"));
    }

    @Property(tries = 200)
    void memoryGrowsWithContextSlotsAndPrecision(@ForAll @IntRange(min = 1, max = 131072) int ctx,
                                                 @ForAll @IntRange(min = 1, max = 16) int slots) {
        var m = ModelArchitecture.preset("llama-3.1-8b");
        var base = MemoryEstimator.estimate(m, Quantization.Q4_K_M, ctx, slots);
        assertTrue(MemoryEstimator.estimate(m, Quantization.Q4_K_M, ctx + 1, slots).totalBytes() > base.totalBytes());
        assertTrue(MemoryEstimator.estimate(m, Quantization.Q4_K_M, ctx, slots + 1).totalBytes() > base.totalBytes());
        assertTrue(MemoryEstimator.estimate(m, Quantization.Q8_0, ctx, slots).totalBytes() > base.totalBytes());
    }
}
