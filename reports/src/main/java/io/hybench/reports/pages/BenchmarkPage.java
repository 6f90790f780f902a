package io.hybench.reports.pages;

import io.hybench.bench.metrics.ChosenPercentiles;
import io.hybench.bench.metrics.RequestTimingUncertainty;
import io.hybench.reports.charts.Annotation;
import io.hybench.reports.charts.Axis;
import io.hybench.reports.charts.PngChartEncoder;
import io.hybench.reports.charts.ReportCharts;
import io.hybench.reports.charts.Series;
import io.hybench.reports.charts.TickLabels;
import io.hybench.reports.hdr.PercentileSpectrum;
import io.hybench.reports.html.Block;
import io.hybench.reports.html.Page;
import io.hybench.reports.html.Section;
import io.hybench.reports.html.Tables;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** The benchmark report: per-target sweep tables, load and latency charts, distributions and time series. */
public final class BenchmarkPage {
    static final String SURVIVORS = "Latency percentiles are of successful requests; failures are counted beside them.";
    static final String TIMING = "TTFT, token and E2E ±: how far the step's stamps of each latency may be off (the self-check's figures;"
            + " TTFT and E2E: P99 over the requests' end stamps); request ±: each request's own, P50/P99/max over the step's requests"
            + " (docs/metrics.md, \"Timing uncertainty\").";

    private final PngChartEncoder encoder;

    public BenchmarkPage(PngChartEncoder encoder) {
        this.encoder = encoder;
    }

    public Page build(BenchmarkReportData data) {
        List<Section> sections = new ArrayList<>();
        sections.add(new Section("Summary", List.of(
                new Block.TableBlock(summaryTable(data), "One row per target: peak rates over the sweep and the collapse analysis (docs/metrics.md)."),
                new Block.Paragraph(SURVIVORS))));
        sections.add(new Section("Workload", List.of(new Block.Facts(data.workload()))));
        sections.add(new Section("Throughput and goodput", List.of(
                figure(ReportCharts.rateVsLoad("Output throughput vs load", loadAxis(data), "output tokens/s",
                        rateLines(data, s -> s.outputTokensPerSecond().value()), collapseMarks(data)),
                        "Aggregate output tokens per second at each step. Dashed lines: collapse points."),
                figure(ReportCharts.rateVsLoad("Requests vs load", loadAxis(data), "requests/s",
                        rateLines(data, s -> s.requestsPerSecond().value()), collapseMarks(data)),
                        "Successful requests per second at each step."),
                figure(ReportCharts.rateVsLoad("Goodput vs load", loadAxis(data), "goodput (requests/s meeting every SLO)",
                        rateLines(data, s -> s.goodputPerSecond().value()), sloMarks(data)),
                        "Requests per second meeting every SLO. Dashed lines: the largest load meeting the SLOs."))));
        for (TargetResult t : data.targets()) sections.add(targetSection(data, t));
        Section distributions = distributionSection(data);
        if (!distributions.blocks().isEmpty()) sections.add(distributions);
        Section series = timeSeriesSection(data);
        if (!series.blocks().isEmpty()) sections.add(series);
        return new Page("Benchmark", "Run " + data.runId(), data.provenance(), sections);
    }

    static Table summaryTable(BenchmarkReportData data) {
        StringColumn target = StringColumn.create("target");
        StringColumn saturation = StringColumn.create("saturation");
        StringColumn slo = StringColumn.create("max load meeting SLOs");
        StringColumn collapse = StringColumn.create("collapse");
        List<Double> peakReq = new ArrayList<>();
        List<Double> peakTok = new ArrayList<>();
        List<Double> peakGood = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        for (TargetResult t : data.targets()) {
            target.append(t.target());
            saturation.append(describe(t.loadPoints().saturation()));
            slo.append(describe(t.loadPoints().maxMeetingSlos()));
            collapse.append(describe(t.loadPoints().collapse()));
            peakReq.add(max(t.steps(), s -> s.requestsPerSecond().value()));
            peakTok.add(max(t.steps(), s -> s.outputTokensPerSecond().value()));
            peakGood.add(max(t.steps(), s -> s.goodputPerSecond().value()));
            long failed = t.steps().stream().mapToLong(SweepStep::failed).sum();
            long all = failed + t.steps().stream().mapToLong(SweepStep::succeeded).sum();
            errors.add(all == 0 ? Double.NaN : (double) failed / all);
        }
        return Table.create("summary", target,
                Tables.decimals("peak requests/s", 2, unbox(peakReq)), Tables.decimals("peak output tokens/s", 1, unbox(peakTok)),
                Tables.decimals("peak goodput/s", 2, unbox(peakGood)), Tables.percent("errors", 2, unbox(errors)),
                saturation, slo, collapse);
    }

    static Table sweepTable(BenchmarkReportData data, TargetResult t) {
        Set<LatencyMetric> metrics = metricsOf(t);
        Table table = Table.create(t.target(),
                Tables.decimals(data.loadAxis(), 2, t.steps().stream().mapToDouble(SweepStep::load).toArray()),
                Tables.decimals("requests/s", 2, values(t, s -> s.requestsPerSecond().value())),
                Tables.decimals("output tokens/s", 1, values(t, s -> s.outputTokensPerSecond().value())),
                Tables.decimals("goodput/s", 2, values(t, s -> s.goodputPerSecond().value())),
                Tables.decimals("failed", 0, values(t, s -> s.failed())),
                Tables.percent("error rate", 2, values(t, SweepStep::errorRate)));
        for (LatencyMetric m : metrics) {
            table.addColumns(Tables.decimals(m.label() + " P50 ms", 1, values(t, s -> percentile(s, m, LatencyPercentiles::p50Ms))),
                    Tables.decimals(m.label() + " P99 ms", 1, values(t, s -> percentile(s, m, LatencyPercentiles::p99Ms))));
        }
        table.addColumns(Tables.decimals("TTFT ± ms", 2, values(t, s -> s.timingUncertaintyMs().ttftMs())),
                Tables.decimals("token ± ms", 2, values(t, s -> s.timingUncertaintyMs().tokenMs())),
                Tables.decimals("E2E ± ms", 2, values(t, s -> s.timingUncertaintyMs().e2eMs())),
                Tables.decimals("request ± P50 ms", 2, values(t, s -> requestTiming(s, RequestTimingUncertainty::p50Ms))),
                Tables.decimals("request ± P99 ms", 2, values(t, s -> requestTiming(s, RequestTimingUncertainty::p99Ms))),
                Tables.decimals("request ± max ms", 2, values(t, s -> requestTiming(s, RequestTimingUncertainty::maxMs))));
        if (t.steps().stream().anyMatch(s -> s.requestTimingUncertaintyMs() != null && s.requestTimingUncertaintyMs().requestsWithout() > 0)) {
            table.addColumns(Tables.decimals("requests without ±", 0, values(t, s -> s.requestTimingUncertaintyMs() == null ? Double.NaN
                    : s.requestTimingUncertaintyMs().requestsWithout())));
        }
        table.addColumns(StringColumn.create("trust", t.steps().stream().map(s -> s.warnings().isEmpty() ? "ok" : "see warning").toList()));
        return table;
    }

    static Table chosenTable(BenchmarkReportData data, TargetResult t) {
        List<ChosenPercentileRows.Row> rows = t.chosen().steps();
        Table table = Table.create(t.target() + " percentiles",
                Tables.decimals(data.loadAxis(), 2, rows.stream().mapToDouble(ChosenPercentileRows.Row::load).toArray()),
                Tables.decimals("repetition", 0, rows.stream().mapToDouble(ChosenPercentileRows.Row::repetition).toArray()));
        List<Double> ps = t.chosen().percentiles();
        for (LatencyMetric m : metricsOf(t)) {
            for (int i = 0; i < ps.size(); i++) {
                int at = i;
                table.addColumns(Tables.decimals(m.label() + " " + ChosenPercentiles.label(ps.get(i)).toUpperCase(Locale.ROOT) + " ms", 1,
                        rows.stream().mapToDouble(r -> r.valuesMs().containsKey(m) ? r.valuesMs().get(m)[at] : Double.NaN).toArray()));
            }
        }
        if (rows.stream().anyMatch(r -> r.cachedInputShare() != null)) {
            table.addColumns(Tables.percent("cached input share", 1,
                    rows.stream().mapToDouble(r -> r.cachedInputShare() == null ? Double.NaN : r.cachedInputShare()).toArray()));
        }
        return table;
    }

    static Table sessionTable(BenchmarkReportData data, TargetResult t) {
        List<SessionTurnRow> rows = t.sessionTurns();
        Table table = Table.create(t.target() + " turns",
                Tables.decimals(data.loadAxis(), 2, rows.stream().mapToDouble(SessionTurnRow::load).toArray()),
                Tables.decimals("turn", 0, rows.stream().mapToDouble(r -> r.turn().turn()).toArray()),
                Tables.decimals("requests", 0, rows.stream().mapToDouble(r -> r.turn().requests()).toArray()),
                Tables.decimals("failed", 0, rows.stream().mapToDouble(r -> r.turn().failed()).toArray()),
                Tables.decimals("context tokens (mean)", 0, rows.stream().mapToDouble(r -> r.turn().inputTokensMean()).toArray()),
                Tables.decimals("TTFT P50 ms", 1, rows.stream().mapToDouble(r -> r.turn().ttftMs().p50Ms()).toArray()),
                Tables.decimals("TTFT P99 ms", 1, rows.stream().mapToDouble(r -> r.turn().ttftMs().p99Ms()).toArray()));
        if (rows.stream().anyMatch(r -> r.turn().cachedInputShare() != null)) {
            table.addColumns(Tables.percent("cached input share", 1,
                    rows.stream().mapToDouble(r -> r.turn().cachedInputShare() == null ? Double.NaN : r.turn().cachedInputShare()).toArray()));
        }
        return table;
    }

    private Section targetSection(BenchmarkReportData data, TargetResult t) {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.TableBlock(sweepTable(data, t), "Sweep of " + t.target() + ". " + SURVIVORS + " " + TIMING));
        if (!t.chosen().steps().isEmpty()) {
            blocks.add(new Block.TableBlock(chosenTable(data, t), "The workload's chosen percentiles (key percentiles) of each step of "
                    + t.target() + ", from its merged histograms; repetitions are shown apart, not averaged. Where the server reported cached"
                    + " prompt tokens, the cached input share: of the prompt tokens of the requests that reported them, the share served from"
                    + " its prompt cache."));
        }
        if (!t.sessionTurns().isEmpty()) {
            blocks.add(new Block.TableBlock(sessionTable(data, t), "Multi-turn sessions of " + t.target() + " by turn (sessions.json):"
                    + " TTFT of the succeeded turns against the context the server counted, and the share of that context served from its"
                    + " prompt cache where it reported one. Prefix caching shows as TTFT that stays flat while the context grows."));
        }
        for (SweepStep s : t.steps()) {
            if (!s.warnings().isEmpty()) {
                blocks.add(new Block.Callout(Block.Callout.Level.WARNING, "Step at " + TickLabels.NUMBER.format(s.load()) + ": numbers not trustworthy",
                        String.join(" ", s.warnings())));
            }
        }
        List<Annotation.VerticalLine> marks = loadMarks(t, "");
        for (LatencyMetric m : metricsOf(t)) {
            Map<String, double[]> lines = new LinkedHashMap<>();
            lines.put("P50", values(t, s -> percentile(s, m, LatencyPercentiles::p50Ms)));
            lines.put("P90", values(t, s -> percentile(s, m, LatencyPercentiles::p90Ms)));
            lines.put("P99", values(t, s -> percentile(s, m, LatencyPercentiles::p99Ms)));
            lines.put("P99.9", values(t, s -> percentile(s, m, LatencyPercentiles::p999Ms)));
            lines.put("max", values(t, s -> s.latency().containsKey(m) ? s.latency().get(m).maxMs() : Double.NaN));
            blocks.add(figure(ReportCharts.latencyPercentilesVsLoad(t.target() + ": " + m.label() + " percentiles vs load", loadAxis(data),
                    m.label(), t.steps().stream().mapToDouble(SweepStep::load).toArray(), lines, marks), m.description() + ", log scale. " + SURVIVORS));
        }
        return new Section("Target " + t.target(), blocks);
    }

    private Section distributionSection(BenchmarkReportData data) {
        List<Block> blocks = new ArrayList<>();
        for (LatencyMetric m : LatencyMetric.values()) {
            Map<String, PercentileSpectrum> byTarget = new LinkedHashMap<>();
            for (TargetResult t : data.targets()) {
                PercentileSpectrum s = t.distributions().get(m);
                if (s != null && s.totalCount() > 0) byTarget.put(t.target(), s);
            }
            if (byTarget.isEmpty()) continue;
            StringBuilder caption = new StringBuilder(m.description() + " over the whole run, from the merged HdrHistograms. Maximum:");
            byTarget.forEach((name, s) -> caption.append(' ').append(name).append(' ').append(TickLabels.NUMBER.format(s.maxMs())).append(" ms (")
                    .append(s.totalCount()).append(" values);"));
            blocks.add(figure(ReportCharts.percentileSpectrum(m.label() + " distribution", m.label(), byTarget), caption.toString()));
        }
        return new Section("Latency distributions", blocks);
    }

    private Section timeSeriesSection(BenchmarkReportData data) {
        Map<String, List<Series>> byQuantity = new LinkedHashMap<>();
        for (TargetResult t : data.targets()) {
            for (TimeSeries ts : t.timeSeries()) {
                byQuantity.computeIfAbsent(ts.quantity(), q -> new ArrayList<>()).add(Series.line(t.target(), ts.seconds(), ts.values()));
            }
        }
        List<Block> blocks = new ArrayList<>();
        byQuantity.forEach((q, lines) -> blocks.add(figure(ReportCharts.timeSeries(q + " over time", q, lines),
                q + ", one value per second; gaps are seconds without a sample.")));
        return new Section("Time series", blocks);
    }

    private Block figure(io.hybench.reports.charts.ChartSpec spec, String caption) {
        return Block.chart(encoder, spec, caption);
    }

    private static Axis loadAxis(BenchmarkReportData data) {
        return data.geometricLoad() ? Axis.log(data.loadAxis()) : Axis.linear(data.loadAxis());
    }

    private static List<Series> rateLines(BenchmarkReportData data, ToDoubleFunction<SweepStep> rate) {
        return data.targets().stream().map(t -> Series.lineWithMarkers(t.target(),
                t.steps().stream().mapToDouble(SweepStep::load).toArray(), values(t, rate))).toList();
    }

    private static List<Annotation.VerticalLine> collapseMarks(BenchmarkReportData data) {
        List<Annotation.VerticalLine> marks = new ArrayList<>();
        for (TargetResult t : data.targets()) {
            t.loadPoints().collapse().ifPresent(p -> marks.add(new Annotation.VerticalLine(p.load(), t.target() + " collapse at " + TickLabels.NUMBER.format(p.load()))));
        }
        return marks;
    }

    private static List<Annotation.VerticalLine> sloMarks(BenchmarkReportData data) {
        List<Annotation.VerticalLine> marks = new ArrayList<>();
        for (TargetResult t : data.targets()) {
            t.loadPoints().maxMeetingSlos().ifPresent(p -> marks.add(new Annotation.VerticalLine(p.load(), t.target() + " meets SLOs up to " + TickLabels.NUMBER.format(p.load()))));
        }
        return marks;
    }

    static List<Annotation.VerticalLine> loadMarks(TargetResult t, String prefix) {
        List<Annotation.VerticalLine> marks = new ArrayList<>();
        t.loadPoints().saturation().ifPresent(p -> marks.add(new Annotation.VerticalLine(p.load(), prefix + "saturation " + TickLabels.NUMBER.format(p.load()))));
        t.loadPoints().collapse().ifPresent(p -> marks.add(new Annotation.VerticalLine(p.load(), prefix + "collapse " + TickLabels.NUMBER.format(p.load()))));
        return marks;
    }

    private static Set<LatencyMetric> metricsOf(TargetResult t) {
        Set<LatencyMetric> present = new LinkedHashSet<>();
        for (LatencyMetric m : LatencyMetric.values()) {
            if (t.steps().stream().anyMatch(s -> s.latency().containsKey(m))) present.add(m);
        }
        return present;
    }

    /** One figure of a step's request timing uncertainty; NaN ("not measured") when its summary has none. */
    private static double requestTiming(SweepStep s, ToDoubleFunction<RequestTimingUncertainty> which) {
        return s.requestTimingUncertaintyMs() == null ? Double.NaN : which.applyAsDouble(s.requestTimingUncertaintyMs());
    }

    static double percentile(SweepStep s, LatencyMetric m, Function<LatencyPercentiles, Estimate> which) {
        LatencyPercentiles p = s.latency().get(m);
        return p == null ? Double.NaN : which.apply(p).value();
    }

    private static String describe(Optional<LoadPoint> p) {
        return p.map(l -> TickLabels.NUMBER.format(l.load()) + " (" + l.reason() + ")").orElse("not reached");
    }

    static double[] values(TargetResult t, ToDoubleFunction<SweepStep> f) {
        return t.steps().stream().mapToDouble(f).toArray();
    }

    private static double max(List<SweepStep> steps, ToDoubleFunction<SweepStep> f) {
        return steps.stream().mapToDouble(f).filter(Double::isFinite).max().orElse(Double.NaN);
    }

    private static double[] unbox(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
