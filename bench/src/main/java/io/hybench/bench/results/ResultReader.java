package io.hybench.bench.results;

import io.hybench.bench.metrics.IntervalLogReader;
import io.hybench.bench.metrics.Metric;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.hybench.core.mapper.Json;
import org.HdrHistogram.Histogram;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Reloads a run folder written by {@link RunFolder}, so reports and comparisons need nothing else. */
public final class ResultReader {
    private ResultReader() {
    }

    /**
     * Everything in a run folder except the per-request lines and histograms, which can be large and
     * are read on demand ({@link #requests}, {@link #histogramTotals}).
     *
     * @param summary null when the run died before writing any summary
     */
    public record LoadedRun(Path dir, String workloadYaml, EnvInfo env, RunSummary summary) {
    }

    public static LoadedRun load(Path dir) {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException("not a run folder: " + dir);
        Path file = dir.resolve(RunFolder.WORKLOAD);
        try {
            String workload = Files.readString(file);
            file = dir.resolve(RunFolder.ENV);
            EnvInfo env = Json.MAPPER.readValue(file.toFile(), EnvInfo.class);
            file = dir.resolve(RunFolder.SUMMARY);
            RunSummary summary = Files.exists(file) ? summary(file) : null;
            return new LoadedRun(dir, workload, env, summary);
        } catch (JsonProcessingException e) {
            // The file is there but not what it should be: the user's to fix, not a failed read.
            throw new IllegalArgumentException(file + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read run folder " + dir + ": " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads summary.json after checking its {@code formatVersion}: format 2 reads without the chosen percentiles, formats 2
     * and 3 without the requests' timing uncertainty, a file
     * of any other version is refused with one line naming the file and the versions read, never half-read.
     */
    public static RunSummary summary(Path file) throws IOException {
        JsonNode tree = Json.MAPPER.readTree(file.toFile());
        int version = tree.path("formatVersion").asInt(1);
        if (!RunSummary.READABLE_VERSIONS.contains(version)) {
            throw new IllegalArgumentException(file + ": summary.json format " + version + (version == 1 ? " (hybench 0.1.0)" : "")
                    + " is not readable by this hybench, which reads formats 2 to " + RunSummary.FORMAT_VERSION
                    + "; rerun the workload (workload.resolved.yaml repeats it)");
        }
        return Json.MAPPER.treeToValue(tree, RunSummary.class);
    }

    /**
     * Every line of requests.jsonl. A cut-off last line (the process died mid-write) is skipped; a bad
     * line elsewhere is bad input naming its number.
     */
    public static List<RequestLine> requests(Path dir) {
        Path file = dir.resolve(RunFolder.REQUESTS);
        List<RequestLine> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file)) {
            String line = in.readLine();
            int lineNo = 0;
            while (line != null) {
                lineNo++;
                String next = in.readLine();
                if (!line.isBlank()) {
                    try {
                        out.add(Json.MAPPER.readValue(line, RequestLine.class));
                    } catch (JsonProcessingException e) {
                        if (next != null) throw new IllegalArgumentException(file + ":" + lineNo + ": not a request line: " + e.getOriginalMessage(), e);
                    }
                }
                line = next;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return out;
    }

    /** The intervals of one metric in an .hlog file, in order. */
    public static List<Histogram> intervals(Path hlog, Metric metric) {
        List<Histogram> out = new ArrayList<>();
        IntervalLogReader.read(hlog, h -> {
            if (metric.tag().equals(h.getTag())) out.add(h);
        });
        return out;
    }

    /** Each metric's intervals added up: the step's whole distribution, losslessly. */
    public static Map<Metric, Histogram> histogramTotals(Path hlog) {
        EnumMap<Metric, Histogram> totals = new EnumMap<>(Metric.class);
        for (Metric m : Metric.values()) totals.put(m, new Histogram(3));
        IntervalLogReader.read(hlog, h -> {
            for (Metric m : Metric.values()) if (m.tag().equals(h.getTag())) totals.get(m).add(h);
        });
        return totals;
    }
}
