package io.hybench.tools.capacity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * CPU time of this process's threads by what they do, read from Linux's {@code /proc/self/task/<tid>/schedstat}
 * (nanoseconds on a CPU) and {@code comm} (the thread's name, truncated to 15 bytes). Unlike {@code ThreadMXBean} it
 * sees the JVM's own threads (JIT compilers, GC workers), which is where a short run's CPU per token goes besides the
 * client. Empty where {@code /proc} is missing.
 */
final class ThreadGroupCpu {
    /** What a thread does, told from its name. */
    enum Group {
        IO("client I/O threads"),
        REQUEST("request threads (virtual-thread carriers)"),
        JIT("JIT compilers"),
        GC("GC and safepoints"),
        OTHER("other");

        /** HotSpot's collector threads (G1, ZGC, Parallel) and the VM thread, which runs Serial's pauses and every safepoint. */
        private static final Pattern GC_NAMES = Pattern.compile("GC Thread|G1 |Z[A-Z][a-z]|VM Thread");
        final String label;

        Group(String label) {
            this.label = label;
        }

        static Group of(String comm) {
            if (comm.startsWith("hybench-io")) return IO;
            if (comm.startsWith("ForkJoinPool")) return REQUEST;
            if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) return JIT;
            if (GC_NAMES.matcher(comm).lookingAt()) return GC;
            return OTHER;
        }
    }

    private ThreadGroupCpu() {
    }

    /** Nanoseconds on a CPU so far per group, over the threads alive now. */
    static Map<Group, Long> read() {
        Map<Group, Long> sums = new EnumMap<>(Group.class);
        for (Group g : Group.values()) sums.put(g, 0L);
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(task -> {
                try {
                    String comm = Files.readString(task.resolve("comm")).strip();
                    long onCpu = Long.parseLong(Files.readString(task.resolve("schedstat")).strip().split(" ")[0]);
                    sums.merge(Group.of(comm), onCpu, Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended between the listing and the read: its time is lost to this reading only
                }
            });
        } catch (IOException e) {
            return Map.of();
        }
        return sums;
    }

    /** {@code later - earlier} per group; groups missing from either are left out. */
    static Map<Group, Long> minus(Map<Group, Long> later, Map<Group, Long> earlier) {
        Map<Group, Long> d = new EnumMap<>(Group.class);
        later.forEach((g, n) -> {
            Long before = earlier.get(g);
            if (before != null) d.put(g, Math.max(0, n - before));
        });
        return d;
    }
}
