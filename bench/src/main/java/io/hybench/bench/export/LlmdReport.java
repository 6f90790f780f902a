package io.hybench.bench.export;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybench.bench.metrics.ChosenPercentiles;
import io.hybench.bench.metrics.Metric;
import io.hybench.bench.metrics.Metrics;
import io.hybench.bench.metrics.StepSummary;
import io.hybench.bench.results.RequestLine;
import io.hybench.bench.results.RunSummary;
import org.HdrHistogram.Histogram;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One step as an llm-d "Benchmark Report" v0.2.1 (llm-d/llm-d-benchmark,
 * {@code llmdbenchmark/analysis/benchmark_report/br_v0_2_1_json_schema.json}): {@code version}, {@code run} (uid = run
 * id and step, eid = run id, start and end) and {@code results.request_performance.aggregate}: request counts, input and
 * output lengths of the successful measured requests, TTFT, TPOT, ITL and E2E ({@code request_latency}) in ms with the
 * chosen percentiles, output token and request rates; where the server reported cached prompt tokens, the step's cached
 * share of prompt tokens as {@code results.observability.components[].aggregate.cache_hit_rate} (a fraction, the
 * component labelled with the target's name). A percentile outside the schema's named set (p0p1 ... p99p9)
 * is written by the same naming ({@code p99p99}); the schema's statistics admit further keys.
 */
final class LlmdReport {
    static final String VERSION = "0.2.1";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private LlmdReport() {
    }

    /** llm-d's name for a percentile: 0.1 is {@code p0p1}, 99.9 is {@code p99p9}. */
    static String key(double percentile) {
        return ChosenPercentiles.label(percentile).replace('.', 'p');
    }

    static ObjectNode of(RunSummary.Run run, StepDistributions d, List<RequestLine> stepLines, ChosenPercentiles percentiles) {
        StepSummary s = d.step();
        ObjectNode report = NODES.objectNode();
        report.put("version", VERSION);
        ObjectNode r = report.putObject("run");
        r.put("uid", String.format(Locale.ROOT, "%s-step-%02d", run.runId(), s.step().index()));
        r.put("eid", run.runId());
        ObjectNode time = r.putObject("time");
        time.put("start", run.startedAt());
        if (run.endedAt() != null) time.put("end", run.endedAt());
        r.put("description", String.format(Locale.ROOT, "hybench workload %s, target %s, %s load %s, repetition %d%s", run.workload(),
                s.step().target(), s.step().mode(), Double.toString(s.step().load()), s.step().repetition(), s.complete() ? "" : " (interrupted)"));
        r.putArray("keywords").add("hybench").add(s.step().target()).add(s.step().mode());

        ObjectNode aggregate = report.putObject("results").putObject("request_performance").putObject("aggregate");
        ObjectNode requests = aggregate.putObject("requests");
        requests.put("total", s.counts().requests());
        requests.put("failures", s.counts().failed());
        requests.put("incomplete", s.counts().stillInFlight());
        List<RequestLine> measured = stepLines.stream().filter(l -> !l.warmup() && l.record().succeeded()).toList();
        putCounts(requests, "input_length", measured, l -> l.record().tokens().inputTokens(), percentiles);
        putCounts(requests, "output_length", measured, l -> l.record().tokens().outputTokens(), percentiles);

        ObjectNode latency = aggregate.putObject("latency");
        putLatency(latency, "time_to_first_token", d.of(Metric.TTFT), "ms", percentiles);
        putLatency(latency, "time_per_output_token", d.of(Metric.TPOT), "ms/token", percentiles);
        putLatency(latency, "inter_token_latency", d.of(Metric.ITL), "ms/token", percentiles);
        putLatency(latency, "request_latency", d.of(Metric.E2E), "ms", percentiles);

        ObjectNode throughput = aggregate.putObject("throughput");
        putRate(throughput, "output_token_rate", s.rates().outputTokensPerSecond(), "tokens/s");
        putRate(throughput, "request_rate", s.rates().requestsPerSecond(), "queries/s");

        Double cached = s.rates().cachedInputShare();
        if (cached != null && Double.isFinite(cached)) {
            // the schema's request aggregates are closed; its one prompt-cache figure is a component's cache_hit_rate
            ObjectNode component = ((ObjectNode) report.get("results")).putObject("observability").putArray("components").addObject();
            component.put("component_label", s.step().target());
            component.putObject("aggregate").putObject("cache_hit_rate").put("units", "fraction").put("mean", cached);
        }
        return report;
    }

    /** Statistics of a nanosecond histogram in ms; left out when nothing was recorded (the schema's null). */
    private static void putLatency(ObjectNode parent, String name, Histogram h, String units, ChosenPercentiles percentiles) {
        if (h.getTotalCount() == 0) return;
        ObjectNode st = parent.putObject(name);
        st.put("units", units);
        st.put("mean", Metrics.nanosToMs(h.getMean()));
        st.put("stddev", Metrics.nanosToMs(h.getStdDeviation()));
        st.put("min", Metrics.nanosToMs(h.getMinValue()));
        double[] values = Metrics.percentilesMs(h, percentiles.values());
        for (int i = 0; i < values.length; i++) st.put(key(percentiles.values().get(i)), values[i]);
        st.put("max", Metrics.nanosToMs(h.getMaxValue()));
    }

    /** Statistics of a token count over the requests that report it, from a histogram as latencies are. */
    private static void putCounts(ObjectNode parent, String name, List<RequestLine> lines, Function<RequestLine, Integer> count,
                                  ChosenPercentiles percentiles) {
        Histogram h = new Histogram(3);
        for (RequestLine l : lines) {
            Integer n = count.apply(l);
            if (n != null) h.recordValue(n);
        }
        if (h.getTotalCount() == 0) return;
        ObjectNode st = parent.putObject(name);
        st.put("units", "count");
        st.put("mean", h.getMean());
        st.put("stddev", h.getStdDeviation());
        st.put("min", h.getMinValue());
        for (double p : percentiles.values()) st.put(key(p), h.getValueAtPercentile(p));
        st.put("max", h.getMaxValue());
    }

    private static void putRate(ObjectNode parent, String name, double perSecond, String units) {
        if (!Double.isFinite(perSecond)) return;
        parent.putObject(name).put("units", units).put("mean", perSecond);
    }
}
