package io.hybench.bench.load;

import io.hybench.bench.client.ApiKind;
import io.hybench.bench.client.ServerFlavor;
import io.hybench.bench.metrics.LevelSummary;
import io.hybench.bench.metrics.Slo;
import io.hybench.bench.metrics.SweepAnalysis;
import io.hybench.bench.results.EnvInfo;
import io.hybench.bench.results.RunSummary;
import io.hybench.bench.results.SweepTable;
import io.hybench.emulator.Emulator;
import io.hybench.emulator.profile.EmulatorProfile;
import io.hybench.emulator.profile.OllamaParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The collapse detector on an Ollama-like server with N parallel slots: a closed-loop sweep of 1..2N users
 * over real HTTP must put the saturation point at N users, where every slot is busy and more users only queue.
 */
class EmulatorCollapseTest {
    @Test
    void saturationPointIsTheOllamaSlotCount(@TempDir Path results) throws Exception {
        EmulatorProfile profile = EmulatorRig.profile("fast-ollama");
        int slots = ((OllamaParams) profile.engine()).numParallel();
        try (EmulatorRig rig = new EmulatorRig()) {
            Emulator e = rig.start(profile, 5);
            List<Integer> users = IntStream.rangeClosed(1, 2 * slots).boxed().toList();
            Workload w = EmulatorRig.workload("collapse", List.of(EmulatorRig.target("ollama", ApiKind.OLLAMA, ServerFlavor.OLLAMA, e)), 64,
                    new LoadSpec.ClosedLoop(users, new Distribution.Fixed(0)),
                    new RunLimits(400_000_000L, 1_000_000_000L, null, 10_000_000_000L), new Slo(null, null, null, 0.99));
            RunSummary s = new LoadRunner(w, rig.clients(), RunListener.NONE).run(results, "collapse", EnvInfo.capture("test")).summary();
            System.out.print(SweepTable.render(s));
            SweepAnalysis a = s.sweeps().get(0);
            Supplier<String> levels = () -> "saturation at the slot count; levels: "
                    + s.levels().stream().map(EmulatorCollapseTest::describe).toList();
            assertNotNull(a.saturationLoad(), () -> "no saturation point found, expected at " + slots + " users; levels: "
                    + s.levels().stream().map(EmulatorCollapseTest::describe).toList());
            boolean allTrusted = s.steps().stream().allMatch(st -> st.selfCheck().trusted());
            if (allTrusted) {
                assertEquals(slots, a.saturationLoad(), levels);
            } else {
                // A machine too busy to time the steps (the self-check said so) blurs the knee by one level at most.
                assertTrue(Math.abs(a.saturationLoad() - slots) <= 1, levels);
            }
        }
    }

    private static String describe(LevelSummary l) {
        return l.load() + " users: " + l.throughput().outputTokensPerSecond().estimate() + " tok/s";
    }
}
