package io.hybench.core.os;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Renices this JVM's virtual-thread carriers for good (an unprivileged process cannot take it back), as a run does. */
class CarrierNiceTest {
    /** The calling task's nice value as the kernel reports it; in a virtual thread, its carrier's. */
    private static int kernelNice() throws Exception {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
    }

    @Test
    void aVirtualThreadsCarrierGetsTheProcessNicePlusTenAndAPlatformThreadKeepsItsOwn() throws Exception {
        assumeTrue(System.getProperty("os.name").equals("Linux"), "nice values per thread are Linux's");
        int process = CarrierNice.processNice().orElseThrow();
        assertEquals(Math.min(19, process + 10), CarrierNice.target().orElseThrow());

        assertEquals(CarrierNice.target().getAsInt(), niceAfterLowering(Thread.ofVirtual()), "the carrier's nice value");
        assertEquals(process, niceAfterLowering(Thread.ofPlatform()), "a platform thread started by the test's own thread keeps the process's value");
    }

    /** The kernel's nice value of a thread of {@code builder} after it asked for its carrier to be lowered. */
    private static int niceAfterLowering(Thread.Builder builder) throws InterruptedException {
        AtomicInteger nice = new AtomicInteger(Integer.MIN_VALUE);
        builder.start(() -> {
            CarrierNice.lowerCurrentCarrier();
            try {
                nice.set(kernelNice());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).join();
        return nice.get();
    }
}
