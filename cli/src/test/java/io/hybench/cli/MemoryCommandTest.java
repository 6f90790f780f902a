package io.hybench.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryCommandTest {

    @Test
    void fitIsDecidedAgainstTheDevice() {
        // Llama-3.1-8B q4_K_M, 32k context x 4 slots: 4.87 GB weights + 17.18 GB KV + 0.30 GB = 22.35 GB.
        CliRun r = CliRun.of("memory", "--ctx", "32768", "--slots", "4", "--device-gb", "24");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("total      22.35 GB") && r.out().contains("fits a 24 GB device"), r.out());
        r = CliRun.of("memory", "--ctx", "32768", "--slots", "4", "--device-gb", "16");
        assertEquals(1, r.code());
        assertTrue(r.out().contains("does NOT fit a 16 GB device"), r.out());
    }

    @Test
    void customArchitectureNeedsItsShape() {
        CliRun r = CliRun.of("memory", "--params-b", "7");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--layers"), r.err());
        r = CliRun.of("memory", "--params-b", "10", "--layers", "1", "--kv-heads", "1", "--head-dim", "1", "--ctx", "1", "--overhead-gb", "0");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("weights     6.06 GB"), r.out());
    }

    @Test
    void aBadFlagIsOneLineWithExitTwo() {
        CliRun r = CliRun.of("memory", "--quant", "q3");
        assertEquals(2, r.code());
        assertEquals(List.of("hybench memory: unknown quantization 'q3'; known: [q4_0, q4_k_m, q5_k_m, q6_k, q8_0, fp8, fp16, bf16]"), r.errLines());
    }
}
