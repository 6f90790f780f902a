package io.hybench.tools.fidelity;

import io.hybench.tools.fidelity.JitterBenchmark.ClientMode;
import io.hybench.tools.fidelity.JitterBenchmark.LevelResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark's bookkeeping (pairing client frames with truth records), not its timings. */
class JitterBenchmarkTest {
    @ParameterizedTest
    @EnumSource(ClientMode.class)
    void everyTokenIsPairedWithItsTruthRecord(ClientMode client) throws InterruptedException {
        List<LevelResult> results = JitterBenchmark.run(new JitterBenchmark.Settings(List.of(1, 3), 5, 200, client, 7, null));

        assertEquals(List.of(1, 3), results.stream().map(LevelResult::streams).toList());
        for (LevelResult r : results) {
            assertEquals(0, r.failedStreams(), r.toString());
            assertEquals(5L * r.streams(), r.written().count(), r.toString());
            assertEquals(5L * r.streams(), r.read().count(), r.toString());
            assertTrue(r.written().p50Micros() <= r.written().p99Micros() && r.written().p99Micros() <= r.written().maxMicros());
        }
    }

    @Test
    void tableHasOneRowPerLevel() {
        var lateness = new JitterBenchmark.Lateness(10, 1.5, 20, 30);
        List<String> lines = JitterBenchmark.table(List.of(new LevelResult(4, lateness, lateness, 1))).lines().toList();

        assertEquals(3, lines.size());
        assertEquals("| 4 | 10 | 2 | 20 | 30 | 2 | 20 | 30 | 1 |", lines.get(2));
    }

    @Test
    void clientCpusNeedAClientProcess() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new JitterBenchmark.Settings(List.of(1), 5, 20, ClientMode.IN_JVM, 1, "2,3"));
        assertTrue(e.getMessage().contains("client process"));
    }
}
