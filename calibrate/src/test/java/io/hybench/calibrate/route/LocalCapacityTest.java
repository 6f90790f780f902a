package io.hybench.calibrate.route;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The local limit from a real bench result folder (the 0.2.0 golden run: closed loop at 1 and 2 users, SLOs met at both). */
class LocalCapacityTest {
    static final Path RUN = Path.of("..", "reports", "src", "test", "resources", "golden", "v0.2.0", "bench");

    @Test
    void theLargestClosedLoopLoadMeetingTheSlosIsTheLimit() {
        LocalCapacity c = LocalCapacity.fromBenchRun(RUN, "ollama-8b-q4-emulated");
        assertEquals(2, c.maxInFlight());
        assertTrue(c.basis().startsWith("2 users, the largest closed-loop load meeting the SLOs"), c.basis());
    }

    @Test
    void anUnknownTargetNamesTheRunsTargets() {
        var e = assertThrows(IllegalArgumentException.class, () -> LocalCapacity.fromBenchRun(RUN, "local"));
        assertTrue(e.getMessage().contains("no target 'local' in the run (targets: ollama-8b-q4-emulated, vllm-8b-a100-emulated, cloud-frontier-emulated)"),
                e.getMessage());
    }
}
