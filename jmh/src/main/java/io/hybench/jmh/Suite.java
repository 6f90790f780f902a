package io.hybench.jmh;

import io.hybench.jmh.endpoint.TtftProfiler;
import org.openjdk.jmh.profile.Profiler;

import java.util.List;
import java.util.Locale;

/** The two JMH suites: which benchmark classes each runs, and the profilers it always adds. */
public enum Suite {
    /** Single-stream requests against a configured server (docs/performance.md, "Endpoint suite"). */
    ENDPOINT("io\\.hybench\\.jmh\\.endpoint\\.", List.of(TtftProfiler.class)),
    /** The harness's own hot paths: decoding, the per-chunk client path, histograms, routing. */
    HARNESS("io\\.hybench\\.jmh\\.harness\\.", List.of());

    private final String packageRegex;
    private final List<Class<? extends Profiler>> profilers;

    Suite(String packageRegex, List<Class<? extends Profiler>> profilers) {
        this.packageRegex = packageRegex;
        this.profilers = profilers;
    }

    /** Matches the names of this suite's benchmarks ({@code package.Class.method}) from their start. */
    public String packageRegex() {
        return "^" + packageRegex;
    }

    /** Matches every benchmark outside this suite: JMH excludes these, so a user's include pattern only narrows the suite. */
    public String outsideRegex() {
        return "^(?!" + packageRegex + ")";
    }

    public List<Class<? extends Profiler>> profilers() {
        return profilers;
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Suite parse(String name) {
        for (Suite s : values()) {
            if (s.cliName().equals(name)) return s;
        }
        throw new IllegalArgumentException("unknown suite '" + name + "'; suites: endpoint, harness");
    }
}
