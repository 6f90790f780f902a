package io.hybench.emulator.engine;

import io.hybench.emulator.profile.EmulatorProfile;
import io.hybench.emulator.profile.ProfileLoader;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Holds the shipped profiles to the public figures they were fitted to (docs/emulator.md), within 20%,
 * by running the engine code in simulated time. The A100 workload: closed loop, 512-token prompts,
 * answers lognormal around 256 tokens (sigma 0.5), users 1..256 in powers of two; "peak" is the user
 * count with the highest output throughput, and the latency figure is the pooled P99 inter-token gap there.
 */
class ProfileCalibrationTest {
    private static final long WARMUP = 60_000_000_000L;
    private static final long WINDOW = 300_000_000_000L;
    private static final double TOLERANCE = 0.20;

    private static ClosedLoopSimulation.Result peak(String profile) {
        EmulatorProfile p = ProfileLoader.load(profile);
        ClosedLoopSimulation.Result best = null;
        for (int users = 1; users <= 256; users *= 2) {
            var r = ClosedLoopSimulation.run(p.engine(), users, 512, 256, 0.5, WARMUP, WINDOW);
            if (best == null || r.outputTokensPerSecond() > best.outputTokensPerSecond()) best = r;
        }
        return best;
    }

    private static void assertNear(double expected, double actual, String what) {
        assertTrue(Math.abs(actual - expected) <= TOLERANCE * expected,
                what + ": expected " + expected + " within 20%, was " + actual);
    }

    @Test
    void vllmOnA100PeaksNear793TokensPerSecondWithP99GapNear80Ms() {
        var peak = peak("llama3.1-8b-a100-vllm");
        assertNear(793, peak.outputTokensPerSecond(), "vLLM peak output tok/s");
        assertNear(80, peak.itlPercentile(99) / 1e6, "vLLM P99 inter-token ms at peak (" + peak.users() + " users)");
    }

    @Test
    void ollamaOnA100PeaksNear41TokensPerSecondWithP99GapNear673Ms() {
        var peak = peak("llama3.1-8b-a100-ollama");
        assertNear(41, peak.outputTokensPerSecond(), "Ollama peak output tok/s");
        assertNear(673, peak.itlPercentile(99) / 1e6, "Ollama P99 inter-token ms at peak (" + peak.users() + " users)");
    }

    private static double singleUserDecodeRate(String profile) {
        var r = ClosedLoopSimulation.run(ProfileLoader.load(profile).engine(), 1, 128, 256, 0, WARMUP, WINDOW);
        return 1e9 / r.meanItlNanos();
    }

    @Test
    void cpuSevenBIsAboutTenTokensPerSecondForOneUser() {
        assertNear(10, singleUserDecodeRate("llama3.1-8b-q4-cpu-ollama"), "CPU 8B q4 single-user tok/s");
    }

    @Test
    void consumerGpuSevenBIsBetween20And45TokensPerSecondForOneUser() {
        for (String profile : new String[]{"llama3.1-8b-q4-gpu-ollama", "llama3.1-8b-q4-gpu-ollama-parallel4"}) {
            double rate = singleUserDecodeRate(profile);
            assertTrue(rate >= 20 && rate <= 45, profile + " single-user tok/s " + rate);
        }
    }

    @Test
    void fourOllamaSlotsGiveAboutOneAndAHalfTimesOneStream() {
        var p = ProfileLoader.load("llama3.1-8b-q4-gpu-ollama-parallel4");
        var one = ClosedLoopSimulation.run(p.engine(), 1, 128, 256, 0, WARMUP, WINDOW);
        var four = ClosedLoopSimulation.run(p.engine(), 4, 128, 256, 0.5, WARMUP, WINDOW);
        double ratio = four.outputTokensPerSecond() / one.outputTokensPerSecond();
        assertTrue(ratio >= 1.4 && ratio <= 1.6, "throughput(4 users)/throughput(1 user) = " + ratio);
    }

    @Test
    void frontierApiHasP99TimeToFirstTokenNearThreeSeconds() {
        var p = ProfileLoader.load("frontier-cloud-api");
        var r = ClosedLoopSimulation.run(p.engine(), 4, 512, 20, 0, 0, 3_600_000_000_000L / 4);
        assertTrue(r.ttftNanos().length > 1000, "enough samples: " + r.ttftNanos().length);
        assertNear(3.0, r.ttftPercentile(99) / 1e9, "cloud P99 TTFT seconds");
        assertNear(80, 1e9 / r.meanItlNanos(), "cloud per-stream tok/s");
    }
}
