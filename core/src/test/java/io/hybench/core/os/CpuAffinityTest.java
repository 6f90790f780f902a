package io.hybench.core.os;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** A thread pinned to one CPU moves to the others; one free to run anywhere stays. Read back from the kernel's own file. */
class CpuAffinityTest {
    /** The calling thread's CPUs as the kernel lists them ({@code Cpus_allowed_list} in /proc/thread-self/status, e.g. "0-3,6"). */
    private static BitSet allowed() throws IOException {
        String list = Files.readAllLines(Path.of("/proc/thread-self/status")).stream()
                .filter(l -> l.startsWith("Cpus_allowed_list:")).findFirst().orElseThrow()
                .substring("Cpus_allowed_list:".length()).trim();
        BitSet cpus = new BitSet();
        for (String part : list.split(",")) {
            String[] range = part.split("-");
            int from = Integer.parseInt(range[0]);
            cpus.set(from, (range.length == 2 ? Integer.parseInt(range[1]) : from) + 1);
        }
        return cpus;
    }

    private static void pinWithTaskset(int cpu) throws Exception {
        String tid = Path.of("/proc/thread-self").toRealPath().getFileName().toString();
        Process p = new ProcessBuilder("taskset", "-p", "-c", Integer.toString(cpu), tid).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        Assumptions.assumeTrue(p.waitFor() == 0, "taskset could not pin a thread here");
    }

    @Test
    void aThreadPinnedToOneCpuMovesToTheOthers() throws Exception {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/thread-self/status")), "not Linux");
        Assumptions.assumeTrue(allowed().cardinality() >= 2, "one CPU allowed here: nowhere to move to");
        AtomicReference<Object[]> seen = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                BitSet before = allowed();
                int first = before.nextSetBit(0);
                pinWithTaskset(first);
                BitSet moved = CpuAffinity.moveOffOwnCpus();
                seen.set(new Object[]{first, before, moved, allowed()});
            } catch (Exception e) {
                failure.set(e);
            }
        });
        t.join();
        if (failure.get() != null) throw failure.get();
        int first = (int) seen.get()[0];
        BitSet before = (BitSet) seen.get()[1];
        BitSet moved = (BitSet) seen.get()[2];
        BitSet after = (BitSet) seen.get()[3];
        assertNotNull(moved, "pinned to CPU " + first + " of " + before + ": the others are allowed");
        assertEquals(after, moved, "what it says is what the kernel has");
        assertFalse(after.get(first), "off the CPU it was pinned to");
        BitSet rest = (BitSet) before.clone();
        rest.clear(first);
        assertEquals(rest, after, "on every other CPU it was allowed");
    }

    @Test
    void aThreadFreeToRunAnywhereStays() throws Exception {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/thread-self/status")), "not Linux");
        AtomicReference<BitSet[]> seen = new AtomicReference<>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                BitSet before = allowed();
                BitSet moved = CpuAffinity.moveOffOwnCpus();
                seen.set(new BitSet[]{before, moved, allowed()});
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        t.join();
        // every CPU this JVM may use is its own unless the cpuset is wider than its pinning (then it moves, as above)
        if (seen.get()[1] == null) assertEquals(seen.get()[0], seen.get()[2], "left where it was");
        else assertFalse(seen.get()[1].intersects(seen.get()[0]), "moved only onto CPUs it was not on");
    }
}
