package io.hybench.reports.pages;

import io.hybench.reports.html.Fact;

import java.util.List;
import java.util.Objects;

/**
 * One JMH suite run as a page shows it: every benchmark's primary score and its secondary metrics
 * (auxiliary counters, the endpoint suite's {@code ttft}), each with JMH's error, plus how and where
 * it ran.
 *
 * @param suite            {@code endpoint} or {@code harness}
 * @param projectVersion   hybench version that ran it
 * @param command          the command that reproduces it
 * @param run              when it ran and how busy the machine was
 * @param environment      JVM, OS and CPU facts
 * @param scores           every primary and secondary score, in JMH's order
 */
public record JmhReportData(String suite, String projectVersion, String command, Run run, List<Fact> environment,
                            List<Score> scores) {
    public JmhReportData {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(run, "run");
        environment = List.copyOf(environment);
        scores = List.copyOf(scores);
    }

    /**
     * @param startedAt        UTC start
     * @param endedAt          UTC end
     * @param loadAverageStart one-minute load average at the start (NaN: unknown)
     * @param loadAverageEnd   the same at the end
     * @param cores            cores the JVM could use
     */
    public record Run(String startedAt, String endedAt, double loadAverageStart, double loadAverageEnd, int cores) {
    }

    /**
     * One score of one benchmark and parameter set.
     *
     * @param benchmark  class and method, e.g. {@code RoutingBenchmark.decide}
     * @param params     {@code name=value} pairs, comma-separated ("" for none)
     * @param mode       JMH mode ({@code thrpt}, {@code avgt}, {@code sample})
     * @param metric     "" for the primary score, else the secondary metric's label
     * @param score      JMH's score
     * @param error      half-width of JMH's 99.9% interval (NaN with a single iteration)
     * @param unit       JMH's unit, e.g. {@code ns/op}, {@code ops/s}
     * @param samples    timed calls behind a sample-time primary score; measurement iterations for every other score
     * @param calls      percentiles of single calls for a sample-time score, {@link Calls#NONE} otherwise
     */
    public record Score(String benchmark, String params, String mode, String metric, double score, double error, String unit,
                        long samples, Calls calls) {
    }

    /** Median, 99th percentile and largest of a sample-time score's timed calls. */
    public record Calls(double p50, double p99, double max) {
        public static final Calls NONE = new Calls(Double.NaN, Double.NaN, Double.NaN);
    }
}
