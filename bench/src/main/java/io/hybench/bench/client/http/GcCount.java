package io.hybench.bench.client.http;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * How many garbage collections this JVM has run, all collectors together: a change across a wait means its thread
 * may have been held by a pause, which neither the run-queue wait nor the thread's CPU time shows (it is blocked, not
 * runnable).
 */
final class GcCount {
    private static final List<GarbageCollectorMXBean> GCS = ManagementFactory.getGarbageCollectorMXBeans();

    private GcCount() {
    }

    static long total() {
        long n = 0;
        for (GarbageCollectorMXBean gc : GCS) n += Math.max(0, gc.getCollectionCount());
        return n;
    }
}
