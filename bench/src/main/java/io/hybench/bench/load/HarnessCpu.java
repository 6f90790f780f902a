package io.hybench.bench.load;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * The harness's own process CPU between successive calls, as a fraction of all cores (Hyperfoil's CPU
 * watchdog idea): a busy load generator delays sends and reads, and its numbers are then suspect.
 */
final class HarnessCpu {
    private final com.sun.management.OperatingSystemMXBean os;
    private final int processors = Runtime.getRuntime().availableProcessors();
    private long lastCpuNanos;
    private long lastWallNanos;

    HarnessCpu() {
        OperatingSystemMXBean bean = ManagementFactory.getOperatingSystemMXBean();
        os = bean instanceof com.sun.management.OperatingSystemMXBean sun ? sun : null;
        lastCpuNanos = cpuNanos();
        lastWallNanos = System.nanoTime();
    }

    /** CPU fraction since the previous call; NaN where the JVM does not report process CPU time. */
    synchronized double sample() {
        long cpu = cpuNanos();
        long wall = System.nanoTime();
        double fraction = cpu < 0 || lastCpuNanos < 0 || wall <= lastWallNanos
                ? Double.NaN
                : (double) (cpu - lastCpuNanos) / ((double) (wall - lastWallNanos) * processors);
        lastCpuNanos = cpu;
        lastWallNanos = wall;
        return fraction;
    }

    private long cpuNanos() {
        return os == null ? -1 : os.getProcessCpuTime();
    }
}
