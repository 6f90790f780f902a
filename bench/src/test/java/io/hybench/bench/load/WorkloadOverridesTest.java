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

    @Test
    void noOverridesChangeNothing() {
        assertEquals(CLOSED, WorkloadOverrides.NONE.apply(CLOSED));
    }

    @Test
    void switchingToOpenLoopTakesRatesAndDefaultsToPoisson() {
        Workload w = WorkloadOverrides.builder().targets(List.of("vllm-local")).mode("open").rates(List.of(1.0, 2.0)).maxInFlight(16)
                .warmup("1s").requests(50).seed(5L).build().apply(CLOSED);
        LoadSpec.OpenLoop o = assertInstanceOf(LoadSpec.OpenLoop.class, w.shape().load());
        assertEquals(new LoadSpec.OpenLoop(List.of(1.0, 2.0), LoadSpec.Arrival.POISSON, 16), o);
        assertEquals(List.of("vllm-local"), w.targets().stream().map(t -> t.name()).toList());
        assertEquals(50, w.shape().run().requests());
        assertNull(w.shape().run().durationNanos(), "a request count replaces the file's duration");
        assertEquals(1_000_000_000L, w.shape().run().warmupNanos());
        assertEquals(5L, w.seed());
    }

    @Test
    void aDurationFlagTooLongIsBadInputNamingTheFlag() {
        WorkloadException e = assertThrows(WorkloadException.class, () -> b().duration("9999999999999999h").build().apply(CLOSED));
        assertEquals("--duration: duration '9999999999999999h' is too long: at most 292 years (a long of nanoseconds)", e.getMessage());
    }

    @Test
    void timeoutFlagsOverrideTheWorkloadsRequestTimeouts() {
        Workload file = CLOSED.withTraffic(new Workload.Traffic(CLOSED.traffic().request().withTimeouts(new RequestTimeouts(20_000_000_000L, 3_000_000_000L)),
                CLOSED.traffic().prompts()));
        Workload w = b().idleTimeout(java.time.Duration.ofMillis(500)).build().apply(file);
        assertEquals(new RequestTimeouts(20_000_000_000L, 500_000_000L), w.traffic().request().timeouts(), "the flag replaces idle, the file's firstToken stays");
        assertEquals(java.time.Duration.ofSeconds(20), w.traffic().request().timeouts().clientOptions().firstTokenTimeout());
        assertEquals(RequestTimeouts.DEFAULTS, CLOSED.traffic().request().timeouts(), "a file without timeouts has the client's defaults");
        assertEquals("--first-token-timeout/--idle-timeout: firstToken must be > 0", assertThrows(WorkloadException.class,
                () -> b().firstTokenTimeout(java.time.Duration.ZERO).build().apply(CLOSED)).getMessage());
    }

    private static WorkloadOverrides.Builder b() {
        return WorkloadOverrides.builder();
    }

    @Test
    void inconsistentOverridesNameTheOption() {
        assertEquals("--users is for --mode closed", assertThrows(WorkloadException.class,
                () -> b().mode("open").users(List.of(1)).rates(List.of(1.0)).build().apply(CLOSED)).getMessage());
        assertEquals("--rates, --arrival and --max-in-flight are for --mode open", assertThrows(WorkloadException.class,
                () -> b().rates(List.of(1.0)).build().apply(CLOSED)).getMessage());
        assertEquals("--duration and --requests: give one, not both", assertThrows(WorkloadException.class,
                () -> b().duration("5s").requests(3).build().apply(CLOSED)).getMessage());
        assertEquals("--arrival: expected poisson, constant or gamma, was 'bursty'", assertThrows(WorkloadException.class,
                () -> b().mode("open").rates(List.of(1.0)).arrival("bursty").build().apply(CLOSED)).getMessage());
        assertEquals("--users/--rates/--max-in-flight: users must be >= 1, was 0", assertThrows(WorkloadException.class,
                () -> b().users(List.of(0)).build().apply(CLOSED)).getMessage());
    }
}
