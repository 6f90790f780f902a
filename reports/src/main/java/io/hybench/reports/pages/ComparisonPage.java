package io.hybench.reports.pages;

import io.hybench.reports.charts.Axis;
import io.hybench.reports.charts.PngChartEncoder;
import io.hybench.reports.charts.ReportCharts;
import io.hybench.reports.charts.Series;
import io.hybench.reports.html.Block;
import io.hybench.reports.html.EmulatedTarget;
import io.hybench.reports.html.Fact;
import io.hybench.reports.html.Page;
import io.hybench.reports.html.Provenance;
import io.hybench.reports.html.Section;
import io.hybench.reports.html.Tables;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/** The comparison report: per target and step, each metric's change between two runs and whether it exceeds their noise. */
public final class ComparisonPage {
    private final PngChartEncoder encoder;

    public ComparisonPage(PngChartEncoder encoder) {
        this.encoder = encoder;
    }

    public Page build(ComparisonReportData data) {
        List<MetricDelta> deltas = deltas(data.baseline(), data.candidate());
        List<Section> sections = new ArrayList<>();
        long beyond = deltas.stream().filter(d -> d.verdict() == MetricDelta.Verdict.BETTER || d.verdict() == MetricDelta.Verdict.WORSE).count();
        sections.add(new Section("Changes", List.of(
                new Block.Paragraph(beyond + " of " + deltas.size() + " compared figures changed by more than the runs' own noise "
                        + "(noise of a difference: sqrt(h_baseline² + h_candidate²), h = half-width of each run's confidence interval)."),
                new Block.TableBlock(deltaTable(deltas), data.candidateLabel() + " against " + data.baselineLabel()
                        + ", matched by target and load step. Latency percentiles are of successful requests."))));
        for (String target : sharedTargets(data)) {
            TargetResult b = target(data.baseline(), target).orElseThrow();
            TargetResult c = target(data.candidate(), target).orElseThrow();
            Axis load = data.baseline().geometricLoad() ? Axis.log(data.baseline().loadAxis()) : Axis.linear(data.baseline().loadAxis());
            List<Block> blocks = new ArrayList<>();
            blocks.add(Block.chart(encoder, ReportCharts.rateVsLoad(target + ": output throughput", load, "output tokens/s", List.of(
                    line(data.baselineLabel(), b, s -> s.outputTokensPerSecond().value()),
                    line(data.candidateLabel(), c, s -> s.outputTokensPerSecond().value())), List.of()),
                    "Output tokens per second at each step in both runs."));
            for (LatencyMetric m : LatencyMetric.values()) {
                if (b.steps().stream().noneMatch(s -> s.latency().containsKey(m))) continue;
                blocks.add(Block.chart(encoder, ReportCharts.latencyPercentilesVsLoad(target + ": P99 " + m.label(), load, "P99 " + m.label(),
                        b.steps().stream().mapToDouble(SweepStep::load).toArray(),
                        Map.of(data.baselineLabel(), BenchmarkPage.values(b, s -> BenchmarkPage.percentile(s, m, LatencyPercentiles::p99Ms))), List.of())
                        .withSeries(Series.lineWithMarkers(data.candidateLabel(), c.steps().stream().mapToDouble(SweepStep::load).toArray(),
                                BenchmarkPage.values(c, s -> BenchmarkPage.percentile(s, m, LatencyPercentiles::p99Ms)))),
                        "P99 " + m.description() + " at each step in both runs, log scale."));
            }
            sections.add(new Section("Target " + target, blocks));
        }
        sections.add(new Section("Runs compared", List.of(run(data.baselineLabel(), data.baseline()), run(data.candidateLabel(), data.candidate()))));
        return new Page("Comparison", data.candidateLabel() + " vs " + data.baselineLabel(), data.provenance(), sections);
    }

    /** Every metric of every step present in both runs (same target name, same load). */
    public static List<MetricDelta> deltas(BenchmarkReportData baseline, BenchmarkReportData candidate) {
        List<MetricDelta> out = new ArrayList<>();
        for (TargetResult b : baseline.targets()) {
            Optional<TargetResult> c = target(candidate, b.target());
            if (c.isEmpty()) continue;
            Map<Double, SweepStep> candidateSteps = c.get().steps().stream().collect(Collectors.toMap(SweepStep::load, s -> s, (x, y) -> x));
            for (SweepStep sb : b.steps()) {
                SweepStep sc = candidateSteps.get(sb.load());
                if (sc == null) continue;
                out.add(new MetricDelta(b.target(), sb.load(), "requests/s", true, sb.requestsPerSecond(), sc.requestsPerSecond()));
                out.add(new MetricDelta(b.target(), sb.load(), "output tokens/s", true, sb.outputTokensPerSecond(), sc.outputTokensPerSecond()));
                out.add(new MetricDelta(b.target(), sb.load(), "goodput/s", true, sb.goodputPerSecond(), sc.goodputPerSecond()));
                for (LatencyMetric m : LatencyMetric.values()) {
                    LatencyPercentiles pb = sb.latency().get(m);
                    LatencyPercentiles pc = sc.latency().get(m);
                    if (pb == null || pc == null) continue;
                    out.add(new MetricDelta(b.target(), sb.load(), m.label() + " P50 ms", false, pb.p50Ms(), pc.p50Ms()));
                    out.add(new MetricDelta(b.target(), sb.load(), m.label() + " P99 ms", false, pb.p99Ms(), pc.p99Ms()));
                }
            }
        }
        return out;
    }

    static Table deltaTable(List<MetricDelta> deltas) {
        return Table.create("deltas",
                StringColumn.create("target", deltas.stream().map(MetricDelta::target).toList()),
                Tables.decimals("load", 2, deltas.stream().mapToDouble(MetricDelta::load).toArray()),
                StringColumn.create("metric", deltas.stream().map(MetricDelta::metric).toList()),
                Tables.decimals("baseline", 2, deltas.stream().mapToDouble(d -> d.baseline().value()).toArray()),
                Tables.decimals("candidate", 2, deltas.stream().mapToDouble(d -> d.candidate().value()).toArray()),
                Tables.decimals("change", 2, deltas.stream().mapToDouble(MetricDelta::delta).toArray()),
                Tables.percent("change %", 1, deltas.stream().mapToDouble(MetricDelta::relativeDelta).toArray()),
                Tables.decimals("noise ±", 2, deltas.stream().mapToDouble(MetricDelta::noise).toArray()),
                StringColumn.create("verdict", deltas.stream().map(d -> d.verdict().text()).toList()));
    }

    private static Block run(String label, BenchmarkReportData run) {
        Provenance p = run.provenance();
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("Run id", run.runId()));
        facts.add(new Fact("hybench version", p.projectVersion()));
        facts.add(new Fact("Reproduce with", p.reproduceCommand()));
        facts.addAll(p.environment());
        facts.add(new Fact("Emulator", p.emulated().isEmpty() ? "none; real servers"
                : "EMULATED: " + p.emulated().stream().map(EmulatedTarget::toDisplay).collect(Collectors.joining("; "))));
        return new Block.Subsection(label, List.of(new Block.Facts(facts)));
    }

    private static List<String> sharedTargets(ComparisonReportData data) {
        return data.baseline().targets().stream().map(TargetResult::target)
                .filter(t -> target(data.candidate(), t).isPresent()).toList();
    }

    private static Optional<TargetResult> target(BenchmarkReportData run, String name) {
        return run.targets().stream().filter(t -> t.target().equals(name)).findFirst();
    }

    private static Series line(String name, TargetResult t, ToDoubleFunction<SweepStep> f) {
        return Series.lineWithMarkers(name, t.steps().stream().mapToDouble(SweepStep::load).toArray(), BenchmarkPage.values(t, f));
    }
}
