package io.hybench.bench.gpu;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NvidiaSmiCsvTest {

    @Test
    void parsesALineCapturedOnAnH100() {
        // Captured with NvidiaSmiCsv.QUERY on driver 580.159.04 (docs/performance.md, GPU sampling).
        GpuSample s = NvidiaSmiCsv.parse("0, NVIDIA H100 80GB HBM3, 106.88, 0, 0, 81559", 42);
        assertEquals(new GpuSample(42, 0, "NVIDIA H100 80GB HBM3", 106.88, 0.0, 0.0, 81559.0), s);
    }

    @Test
    void unsupportedFieldsAreAbsentNotZero() {
        GpuSample s = NvidiaSmiCsv.parse("1, NVIDIA GeForce RTX 3060, [N/A], 35, 1200, 12288", 0);
        assertNull(s.powerWatts());
        assertEquals(35.0, s.utilizationPercent());
    }

    @Test
    void driverErrorsAreRejectedWithTheLine() {
        var e = assertThrows(IllegalArgumentException.class, () -> NvidiaSmiCsv.parse(
                "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.", 0));
        assertTrue(e.getMessage().contains("couldn't communicate"), e.getMessage());
    }

    @Test
    void energyIsTheTrapezoidalIntegralPerGpu() {
        List<GpuSample> samples = List.of(
                new GpuSample(0, 0, "a", 100.0, null, null, null),
                new GpuSample(0, 1, "b", 50.0, null, null, null),
                new GpuSample(1_000_000_000L, 0, "a", 200.0, null, null, null),
                new GpuSample(2_000_000_000L, 1, "b", 50.0, null, null, null),
                new GpuSample(3_000_000_000L, 0, "a", null, null, null, null));
        // GPU 0: 1 s at mean 150 W = 150 J (the N/A reading adds nothing); GPU 1: 2 s at 50 W = 100 J.
        assertEquals(250.0, GpuEnergy.joules(samples).getAsDouble(), 1e-9);
        assertTrue(GpuEnergy.joules(List.of(samples.get(0))).isEmpty(), "one sample measures no energy");
    }
}
