package io.hybench.bench.export;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.hybench.bench.metrics.ChosenPercentiles;
import io.hybench.bench.metrics.Metric;
import io.hybench.bench.metrics.Metrics;
import io.hybench.bench.metrics.RequestTimingUncertainty;
import io.hybench.bench.metrics.StepSummary;
import io.hybench.core.mapper.Csv;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code summary.csv}: one row per step, its counts and rates as summary.json has them, its requests' timing uncertainty
 * (empty cells where none was measured or the summary predates it), then for each latency metric
 * its count, mean and the user's chosen percentiles (ms) read off the step's merged histogram (docs/results.md,
 * "Exports"). Columns such as {@code ttftP99.9Ms} follow the chosen percentiles, so the header states them.
 */
public final class SummaryCsv {
    private static final List<String> STEP_COLUMNS = List.of("step", "target", "mode", "load", "repetition", "complete", "trusted",
            "requests", "succeeded", "failed", "warmupRequests", "stillInFlight", "requestsPerSecond", "outputTokensPerSecond",
            "goodputPerSecond", "offeredRatePerSecond", "errorRate", "cachedInputShare", "requestTimingUncertaintyP50Ms",
            "requestTimingUncertaintyP99Ms", "requestTimingUncertaintyMaxMs", "requestsWithoutTimingUncertainty");

    private SummaryCsv() {
    }

    /** The column of a metric's statistic, e.g. {@code ttftMeanMs}, {@code sendLagP99Ms}. */
    static String column(Metric m, String statistic) {
        StringBuilder name = new StringBuilder();
        for (String part : m.tag().split("_")) name.append(name.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        return name.toString() + Character.toUpperCase(statistic.charAt(0)) + statistic.substring(1) + (statistic.equals("count") ? "" : "Ms");
    }

    static List<String> columns(ChosenPercentiles percentiles) {
        List<String> out = new ArrayList<>(STEP_COLUMNS);
        for (Metric m : StepDistributions.EXPORTED) {
            out.add(column(m, "count"));
            out.add(column(m, "mean"));
            for (double p : percentiles.values()) out.add(column(m, ChosenPercentiles.label(p)));
            out.add(column(m, "max"));
        }
        return out;
    }

    static Map<String, Object> row(StepDistributions d, ChosenPercentiles percentiles) {
        StepSummary s = d.step();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("step", s.step().index());
        row.put("target", s.step().target());
        row.put("mode", s.step().mode());
        row.put("load", s.step().load());
        row.put("repetition", s.step().repetition());
        row.put("complete", s.complete());
        row.put("trusted", s.selfCheck().trusted());
        row.put("requests", s.counts().requests());
        row.put("succeeded", s.counts().succeeded());
        row.put("failed", s.counts().failed());
        row.put("warmupRequests", s.counts().warmupRequests());
        row.put("stillInFlight", s.counts().stillInFlight());
        row.put("requestsPerSecond", s.rates().requestsPerSecond());
        row.put("outputTokensPerSecond", s.rates().outputTokensPerSecond());
        row.put("goodputPerSecond", s.rates().goodputPerSecond());
        row.put("offeredRatePerSecond", s.rates().offeredRatePerSecond());
        row.put("errorRate", s.rates().errorRate());
        row.put("cachedInputShare", s.rates().cachedInputShare());
        RequestTimingUncertainty u = s.requestTimingUncertaintyMs();
        row.put("requestTimingUncertaintyP50Ms", u == null || u.requests() == 0 ? null : u.p50Ms());
        row.put("requestTimingUncertaintyP99Ms", u == null || u.requests() == 0 ? null : u.p99Ms());
        row.put("requestTimingUncertaintyMaxMs", u == null || u.requests() == 0 ? null : u.maxMs());
        row.put("requestsWithoutTimingUncertainty", u == null ? null : u.requestsWithout());
        for (Metric m : StepDistributions.EXPORTED) {
            Histogram h = d.of(m);
            boolean empty = h.getTotalCount() == 0;
            row.put(column(m, "count"), h.getTotalCount());
            row.put(column(m, "mean"), empty ? null : Metrics.nanosToMs(h.getMean()));
            double[] values = Metrics.percentilesMs(h, percentiles.values());
            for (int i = 0; i < values.length; i++) row.put(column(m, ChosenPercentiles.label(percentiles.values().get(i))), empty ? null : values[i]);
            row.put(column(m, "max"), empty ? null : Metrics.nanosToMs(h.getMaxValue()));
        }
        return row;
    }

    static void write(List<StepDistributions> steps, ChosenPercentiles percentiles, Path file) {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        columns(percentiles).forEach(schema::addColumn);
        try (SequenceWriter out = Csv.MAPPER.writerFor(Map.class).with(schema.build()).writeValues(file.toFile())) {
            for (StepDistributions d : steps) out.write(row(d, percentiles));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
