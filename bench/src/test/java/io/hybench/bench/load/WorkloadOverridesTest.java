package io.hybench.bench.load;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WorkloadOverridesTest {
    private static final Workload CLOSED = WorkloadYaml.read(Path.of("..", "docs", "workloads", "chat-sweep.yaml"));

    private static WorkloadOverrides none() {
        return new WorkloadOverrides(null, null, null, null, null, null, null, null, null, null);
    }

    @Test
    void noOverridesChangeNothing() {
        assertEquals(CLOSED, none().apply(CLOSED));
    }

    @Test
    void switchingToOpenLoopTakesRatesAndDefaultsToPoisson() {
        Workload w = new WorkloadOverrides(List.of("vllm-local"), "open", null, List.of(1.0, 2.0), null, 16, "1s", null, 50, 5L).apply(CLOSED);
        LoadSpec.OpenLoop o = assertInstanceOf(LoadSpec.OpenLoop.class, w.load());
        assertEquals(new LoadSpec.OpenLoop(List.of(1.0, 2.0), LoadSpec.Arrival.POISSON, 16), o);
        assertEquals(List.of("vllm-local"), w.targets().stream().map(t -> t.name()).toList());
        assertEquals(50, w.run().requests());
        assertNull(w.run().durationNanos(), "a request count replaces the file's duration");
        assertEquals(1_000_000_000L, w.run().warmupNanos());
        assertEquals(5L, w.seed());
    }

    @Test
    void inconsistentOverridesNameTheOption() {
        assertEquals("--users is for --mode closed", assertThrows(WorkloadException.class,
                () -> new WorkloadOverrides(null, "open", List.of(1), List.of(1.0), null, null, null, null, null, null).apply(CLOSED)).getMessage());
        assertEquals("--rates, --arrival and --max-in-flight are for --mode open", assertThrows(WorkloadException.class,
                () -> new WorkloadOverrides(null, null, null, List.of(1.0), null, null, null, null, null, null).apply(CLOSED)).getMessage());
        assertEquals("--duration and --requests: give one, not both", assertThrows(WorkloadException.class,
                () -> new WorkloadOverrides(null, null, null, null, null, null, null, "5s", 3, null).apply(CLOSED)).getMessage());
        assertEquals("--arrival: expected poisson, constant or gamma, was 'bursty'", assertThrows(WorkloadException.class,
                () -> new WorkloadOverrides(null, "open", null, List.of(1.0), "bursty", null, null, null, null, null).apply(CLOSED)).getMessage());
        assertEquals("--users/--rates/--max-in-flight: users must be >= 1, was 0", assertThrows(WorkloadException.class,
                () -> new WorkloadOverrides(null, null, List.of(0), null, null, null, null, null, null, null).apply(CLOSED)).getMessage());
    }
}
