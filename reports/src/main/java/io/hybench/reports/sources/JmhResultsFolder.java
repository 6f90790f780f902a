package io.hybench.reports.sources;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybench.bench.results.EnvInfo;
import io.hybench.bench.results.JmhFolder;
import io.hybench.core.mapper.Json;
import io.hybench.reports.html.Fact;
import io.hybench.reports.pages.JmhReportData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Reads a JMH suite's folder ({@link JmhFolder}: JMH's {@code jmh.json} and {@code run.json}) into a
 * {@link JmhReportData}. JMH writes the percentiles of a sample-time score a second time as
 * secondary metrics named {@code p0.50}, {@code ttft:p0.99} ...; they are read from
 * {@code scorePercentiles} instead, so each metric is one row.
 */
public final class JmhResultsFolder {
    private JmhResultsFolder() {
    }

    public static JmhReportData load(Path dir) {
        if (!JmhFolder.isJmhFolder(dir)) {
            throw new IllegalArgumentException(dir + ": not a JMH result folder (needs " + JmhFolder.RESULTS + " and " + JmhFolder.RUN + ")");
        }
        JmhFolder.Run run = JmhFolder.readRun(dir);
        Path file = dir.resolve(JmhFolder.RESULTS);
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isArray()) throw new IllegalArgumentException(file + ": not a JMH JSON result (expected an array of benchmarks)");
        List<JmhReportData.Score> scores = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode b = root.get(i);
            String name = text(b, "benchmark", file, i);
            String benchmark = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            String mode = text(b, "mode", file, i);
            String params = params(b.path("params"));
            JsonNode secondaries = b.path("secondaryMetrics");
            scores.add(score(benchmark, params, mode, "", b.path("primaryMetric"), mode.equals("sample"), file, i));
            for (Map.Entry<String, JsonNode> m : secondaries.properties()) {
                if (isPercentileRow(m.getKey())) continue;
                scores.add(score(benchmark, params, mode, m.getKey(), m.getValue(), secondaries.has(m.getKey() + ":p0.50"), file, i));
            }
        }
        EnvInfo env = run.env();
        List<Fact> facts = List.of(new Fact("JVM", env.java().vmName() + " " + env.java().version() + " (" + env.java().vendor() + ")"),
                new Fact("OS", env.os().name() + " " + env.os().version() + " " + env.os().arch()),
                new Fact("CPU", env.resources().cpuModel() == null ? "unknown" : env.resources().cpuModel()));
        return new JmhReportData(run.suite(), env.projectVersion(), run.command(), new JmhReportData.Run(run.startedAt(), run.endedAt(),
                run.loadAverageStart(), run.loadAverageEnd(), env.resources().availableProcessors()), facts, scores);
    }

    /** {@code p0.50}, {@code p1.00}, {@code ttft:p0.99}: a percentile JMH also lists as a metric of its own. */
    static boolean isPercentileRow(String label) {
        String last = label.substring(label.lastIndexOf(':') + 1);
        return last.matches("p[01]\\.\\d+");
    }

    /** @param sampled a sample-time result (JMH lists its percentiles as rows): its percentiles are of single calls, not iterations */
    private static JmhReportData.Score score(String benchmark, String params, String mode, String metric, JsonNode m, boolean sampled,
                                             Path file, int i) {
        if (!m.path("score").isNumber()) throw new IllegalArgumentException(file + ": benchmark " + i + " (" + benchmark + ") has no numeric score"
                + (metric.isEmpty() ? "" : " for " + metric));
        JsonNode pct = m.path("scorePercentiles");
        return new JmhReportData.Score(benchmark, params, mode, metric, m.path("score").asDouble(), number(m.path("scoreError")),
                m.path("scoreUnit").asText(""), samples(m.path("rawData"), m.path("rawDataHistogram")),
                sampled ? new JmhReportData.Calls(number(pct.path("50.0")), number(pct.path("99.0")), number(pct.path("100.0"))) : JmhReportData.Calls.NONE);
    }

    /** Timed calls where JMH keeps them (a sample-time primary score's histogram), else measurement iterations. */
    private static long samples(JsonNode rawData, JsonNode histogram) {
        long n = 0;
        if (histogram.isArray()) {
            for (JsonNode fork : histogram) for (JsonNode iteration : fork) for (JsonNode bin : iteration) n += bin.path(1).asLong();
            return n;
        }
        for (JsonNode fork : rawData) n += fork.size();
        return n;
    }

    private static double number(JsonNode n) {
        if (n.isNumber()) return n.asDouble();
        return Double.NaN; // JMH writes "NaN" as a string where it has no error (one iteration)
    }

    private static String params(JsonNode params) {
        StringJoiner j = new StringJoiner(", ");
        for (Map.Entry<String, JsonNode> p : params.properties()) j.add(p.getKey() + "=" + p.getValue().asText());
        return j.toString();
    }

    private static String text(JsonNode b, String field, Path file, int i) {
        JsonNode v = b.get(field);
        if (v == null || !v.isTextual()) throw new IllegalArgumentException(file + ": benchmark " + i + " has no '" + field + "'");
        return v.asText();
    }
}
