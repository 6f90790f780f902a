package io.hybench.bench.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.hybench.bench.client.RequestRecord;
import io.hybench.bench.client.TokenCountSource;
import io.hybench.bench.metrics.ChosenPercentiles;
import io.hybench.bench.metrics.Metric;
import io.hybench.bench.metrics.Metrics;
import io.hybench.bench.metrics.Percentiles;
import io.hybench.bench.metrics.RequestTimingUncertainty;
import io.hybench.bench.metrics.StepSummary;
import io.hybench.bench.results.RequestLine;
import io.hybench.bench.results.ResultReader;
import io.hybench.core.mapper.Csv;
import io.hybench.core.mapper.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exports of the sealed format-2 bench folder (reports' golden run): CSV read back, llm-d reports checked against the schema. */
class RunExportTest {
    private static final Path GOLDEN = Path.of("..", "reports", "src", "test", "resources", "golden", "v0.2.0", "bench");
    private static final ChosenPercentiles CHOSEN = new ChosenPercentiles(List.of(50.0, 99.9, 99.99));

    private static List<Map<String, String>> csv(Path file) throws IOException {
        try (MappingIterator<Map<String, String>> rows = Csv.MAPPER.readerForMapOf(String.class).with(CsvSchema.emptySchema().withHeader())
                .readValues(file.toFile())) {
            return rows.readAll();
        }
    }

    private static Schema llmdSchema() throws IOException {
        try (InputStream in = RunExportTest.class.getResourceAsStream("llm-d-benchmark-report-v0.2.1.schema.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(Json.MAPPER.readTree(in));
        }
    }

    @Test
    void requestsCsvHoldsEachRequestsMetrics(@TempDir Path out) throws IOException {
        RunExport.write(GOLDEN, CHOSEN, out);
        List<RequestLine> lines = ResultReader.requests(GOLDEN);
        List<Map<String, String>> rows = csv(out.resolve("requests.csv"));
        assertEquals(lines.size(), rows.size());
        for (int i = 0; i < lines.size(); i++) {
            RequestRecord r = lines.get(i).record();
            Map<String, String> row = rows.get(i);
            assertEquals(r.requestId(), row.get("requestId"));
            assertEquals(Metrics.nanosToMs(Metrics.ttftNanos(r).getAsLong()), Double.parseDouble(row.get("ttftMs")), 1e-9);
            assertEquals(Metrics.nanosToMs(Metrics.sendLagNanos(r)), Double.parseDouble(row.get("sendLagMs")), 1e-9);
            assertEquals(String.valueOf(r.tokens().outputTokens()), row.get("outputTokens"));
        }
    }

    @Test
    void summaryCsvReadsTheChosenPercentilesOffTheSameHistogramsAsSummaryJson(@TempDir Path out) throws IOException {
        RunExport.write(GOLDEN, CHOSEN, out);
        List<StepSummary> steps = ResultReader.load(GOLDEN).summary().steps();
        List<Map<String, String>> rows = csv(out.resolve("summary.csv"));
        assertEquals(steps.size(), rows.size());
        assertTrue(rows.getFirst().containsKey("ttftP99.99Ms") && rows.getFirst().containsKey("sendLagP50Ms"), rows.getFirst().keySet().toString());
        for (int i = 0; i < steps.size(); i++) {
            StepSummary s = steps.get(i);
            Map<String, String> row = rows.get(i);
            assertEquals(s.step().target(), row.get("target"));
            assertEquals(String.valueOf(s.counts().requests()), row.get("requests"));
            Percentiles e2e = s.latencyMs().get(Metric.E2E);
            assertEquals(e2e.p50Ms(), Double.parseDouble(row.get("e2eP50Ms")), 1e-9, "the P50 summary.json has");
            assertEquals(e2e.p999Ms(), Double.parseDouble(row.get("e2eP99.9Ms")), 1e-9, "the P99.9 summary.json has");
            assertEquals(e2e.maxMs(), Double.parseDouble(row.get("e2eMaxMs")), 1e-9);
            assertEquals(e2e.count(), Long.parseLong(row.get("e2eCount")));
        }
    }

    /** Format 4's per-step aggregate of the requests' own ± reaches summary.csv as summary.json has it; format 2 leaves it empty. */
    @Test
    void summaryCsvCarriesEachStepsRequestTimingUncertaintyAndLeavesItEmptyWhereTheSummaryHasNone(@TempDir Path out) throws IOException {
        Path golden4 = Path.of("..", "reports", "src", "test", "resources", "golden", "v0.5.0", "bench");
        RunExport.write(golden4, CHOSEN, out.resolve("4"));
        List<StepSummary> steps = ResultReader.load(golden4).summary().steps();
        List<Map<String, String>> rows = csv(out.resolve("4").resolve("summary.csv"));
        assertEquals(steps.size(), rows.size());
        for (int i = 0; i < steps.size(); i++) {
            RequestTimingUncertainty u = steps.get(i).requestTimingUncertaintyMs();
            Map<String, String> row = rows.get(i);
            assertEquals(u.p50Ms(), Double.parseDouble(row.get("requestTimingUncertaintyP50Ms")), 1e-9);
            assertEquals(u.p99Ms(), Double.parseDouble(row.get("requestTimingUncertaintyP99Ms")), 1e-9);
            assertEquals(u.maxMs(), Double.parseDouble(row.get("requestTimingUncertaintyMaxMs")), 1e-9);
            assertEquals(String.valueOf(u.requestsWithout()), row.get("requestsWithoutTimingUncertainty"));
        }
        RunExport.write(GOLDEN, CHOSEN, out.resolve("2"));
        for (Map<String, String> row : csv(out.resolve("2").resolve("summary.csv"))) {
            assertEquals(List.of("", "", "", ""), List.of(row.get("requestTimingUncertaintyP50Ms"), row.get("requestTimingUncertaintyP99Ms"),
                    row.get("requestTimingUncertaintyMaxMs"), row.get("requestsWithoutTimingUncertainty")), "format 2: not measured");
        }
    }

    @Test
    void llmdReportsValidateAgainstTheBenchmarkReportSchema(@TempDir Path out) throws IOException {
        List<Path> files = RunExport.write(GOLDEN, CHOSEN, out);
        Schema schema = llmdSchema();
        List<StepSummary> steps = ResultReader.load(GOLDEN).summary().steps();
        List<Path> reports = files.stream().filter(f -> f.getParent().getFileName().toString().equals("llm-d")).toList();
        assertEquals(steps.size(), reports.size(), "one report per step");
        for (int i = 0; i < reports.size(); i++) {
            JsonNode report = Json.MAPPER.readTree(reports.get(i).toFile());
            List<Error> errors = schema.validate(report);
            assertTrue(errors.isEmpty(), reports.get(i) + ": " + errors);
            JsonNode aggregate = report.at("/results/request_performance/aggregate");
            StepSummary s = steps.get(i);
            assertEquals(s.counts().requests(), aggregate.at("/requests/total").asLong());
            assertEquals(s.latencyMs().get(Metric.TTFT).p50Ms(), aggregate.at("/latency/time_to_first_token/p50").asDouble(), 1e-9);
            assertEquals(s.latencyMs().get(Metric.TTFT).p999Ms(), aggregate.at("/latency/time_to_first_token/p99p9").asDouble(), 1e-9);
            assertTrue(aggregate.at("/latency/time_to_first_token/p99p99").isNumber(), "a percentile beyond the named set, by the same naming");
            assertEquals("ms", aggregate.at("/latency/request_latency/units").asText());
        }
    }

    /** The golden step with cached prompt tokens reported: 48 of 64 and 16 of 64 cached, so a share of 64 / 128 = 0.5. */
    @Test
    void cachedTokenFiguresReachEveryExport() throws IOException {
        StepSummary golden = ResultReader.load(GOLDEN).summary().steps().getFirst();
        StepSummary.Rates r = golden.rates();
        StepSummary step = new StepSummary(golden.step(), golden.complete(), golden.window(), golden.counts(),
                new StepSummary.Rates(r.requestsPerSecond(), r.outputTokensPerSecond(), r.goodputPerSecond(), r.offeredRatePerSecond(),
                        r.goodFraction(), r.meetsSlos(), r.errorRate(), 0.5),
                golden.latencyMs(), golden.chosenPercentilesMs(), golden.intervals(), golden.selfCheck(),
                golden.requestTimingUncertaintyMs(), golden.context(), golden.stopped());
        RequestLine base = ResultReader.requests(GOLDEN).getFirst();
        RequestLine cached = withTokens(base, new RequestRecord.Tokens(64, TokenCountSource.SERVER, 8, TokenCountSource.SERVER, false, 48, 16));

        RequestsCsv.Row row = RequestsCsv.Row.of(cached);
        assertEquals(List.of(48, 16), List.of(row.cachedInputTokens(), row.cacheWriteInputTokens()));
        assertEquals(null, RequestsCsv.Row.of(base).cachedInputTokens(), "not reported: an empty cell");

        StepDistributions d = new StepDistributions(step, ResultReader.histogramTotals(GOLDEN.resolve(step.context().hlog())));
        assertEquals(0.5, SummaryCsv.row(d, CHOSEN).get("cachedInputShare"));
        assertEquals(null, SummaryCsv.row(new StepDistributions(golden, d.byMetric()), CHOSEN).get("cachedInputShare"));

        JsonNode report = LlmdReport.of(ResultReader.load(GOLDEN).summary().run(), d, List.of(cached), CHOSEN);
        assertTrue(llmdSchema().validate(report).isEmpty(), llmdSchema().validate(report).toString());
        JsonNode component = report.at("/results/observability/components/0");
        assertEquals(step.step().target(), component.get("component_label").asText());
        assertEquals("fraction", component.at("/aggregate/cache_hit_rate/units").asText());
        assertEquals(0.5, component.at("/aggregate/cache_hit_rate/mean").asDouble());
        JsonNode none = LlmdReport.of(ResultReader.load(GOLDEN).summary().run(), new StepDistributions(golden, d.byMetric()), List.of(base), CHOSEN);
        assertTrue(none.at("/results/observability").isMissingNode(), "no cached tokens reported: no observability");
    }

    private static RequestLine withTokens(RequestLine l, RequestRecord.Tokens tokens) {
        RequestRecord r = l.record();
        return new RequestLine(l.step(), l.warmup(), l.category(), l.promptId(), l.requestedMaxTokens(),
                new RequestRecord(r.requestId(), r.to(), r.timeline(), tokens, r.reply(), r.error(), r.route()), l.session(), l.promptTokens());
    }

    @Test
    void theSchemaCheckCanFail() throws IOException {
        Schema schema = llmdSchema();
        JsonNode bad = Json.MAPPER.readTree("""
                {"version": "0.2.1", "run": {"uid": "x"}, "results": {"request_performance": {"aggregate":
                 {"latency": {"time_to_first_token": {"units": "milliseconds", "mean": 1}}}}}}""");
        assertFalse(schema.validate(bad).isEmpty(), "an unknown unit is refused");
        assertFalse(schema.validate(Json.MAPPER.readTree("{\"version\": \"0.2.1\", \"results\": {}}")).isEmpty(), "run is required");
        assertFalse(schema.validate(Json.MAPPER.readTree("""
                {"version": "0.2.1", "run": {"uid": "x"}, "results": {"observability": {"components": [{"component_label": "t",
                 "aggregate": {"cache_hit_rate": {"units": "ms", "mean": 0.5}}}]}}}""")).isEmpty(), "a hit rate is a portion");
    }
}
