package io.hybench.bench.load;

import io.hybench.bench.client.ApiKind;
import io.hybench.bench.client.ServerFlavor;
import io.hybench.bench.metrics.Slo;
import io.hybench.bench.results.EnvInfo;
import io.hybench.core.os.CarrierNice;
import io.hybench.emulator.Emulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The request threads' carriers run at the lower priority ({@link CarrierNice}), and no other thread does: a thread
 * inherits its creator's nice value, so an I/O loop or server thread first started from a request thread would lose
 * its CPU share to the very work it must preempt.
 */
class RequestThreadsNiceTest {
    private record Task(String name, int nice) {
    }

    private static List<Task> threads() throws IOException {
        List<Task> out = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : tasks.toList()) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    out.add(new Task(stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
                            Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16])));
                } catch (IOException ended) {
                    // the thread ended while listed
                }
            }
        }
        return out;
    }

    @Test
    void carriersRunAtTheLowerPriorityAndTheIoAndServerThreadsAtTheProcesss(@TempDir Path results) throws Exception {
        assumeTrue(System.getProperty("os.name").equals("Linux"), "nice values per thread are Linux's");
        int process = CarrierNice.processNice().orElseThrow();
        int lowered = CarrierNice.target().orElseThrow();
        try (EmulatorRig rig = new EmulatorRig()) {
            Emulator e = rig.start(EmulatorRig.profile("fast-vllm"), 5);
            Workload w = EmulatorRig.workload("nice", List.of(EmulatorRig.target("vllm", ApiKind.OPENAI, ServerFlavor.VLLM, e)), 4,
                    new LoadSpec.ClosedLoop(List.of(8), new Distribution.Fixed(0)), new RunLimits(0, null, 40, 10_000_000_000L),
                    new Slo(null, null, null, 0.99));
            new LoadRunner(w, rig.clients(), RunListener.NONE).run(results, "nice", EnvInfo.capture("test"));
            List<Task> all = threads();
            assertTrue(all.stream().anyMatch(t -> t.name().startsWith("ForkJoinPool-") && t.nice() == lowered),
                    "a carrier at nice " + lowered + ": " + all);
            List<Task> others = all.stream().filter(t -> !t.name().startsWith("ForkJoinPool-")).toList();
            assertTrue(others.stream().anyMatch(t -> t.name().startsWith("hybench-io")), "the I/O threads are listed: " + all);
            assertEquals(List.of(), others.stream().filter(t -> t.nice() != process).toList(), "threads away from the process's nice " + process);
        }
    }
}
