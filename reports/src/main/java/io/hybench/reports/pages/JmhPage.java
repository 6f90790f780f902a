package io.hybench.reports.pages;

import io.hybench.reports.html.Block;
import io.hybench.reports.html.Fact;
import io.hybench.reports.html.Page;
import io.hybench.reports.html.Provenance;
import io.hybench.reports.html.Section;
import io.hybench.reports.html.Tables;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The page of one JMH suite run ({@code results/jmh-<suite>-<time>/}): primary scores, secondary
 * metrics, and the conditions of the run. A run on a machine whose load average exceeded its cores
 * gets a warning: other work shared the CPUs, so every score may be low and its error understated.
 */
public final class JmhPage {
    public Page build(JmhReportData data, Instant generatedAt) {
        List<Fact> env = new ArrayList<>(data.environment());
        env.add(new Fact("Cores available", Integer.toString(data.run().cores())));
        env.add(new Fact("Load average (1 min) at start / end", load(data.run().loadAverageStart()) + " / " + load(data.run().loadAverageEnd())));
        env.add(new Fact("Run", data.run().startedAt() + " to " + data.run().endedAt()));
        Provenance provenance = new Provenance(data.projectVersion(), data.command(), env, List.of(), generatedAt,
                "not applicable to a suite without a target; where a benchmark streams from a server, its name says which.");

        List<Block> about = new ArrayList<>();
        about.add(new Block.Paragraph("Scores from JMH's own harness (forked JVM, warm-up iterations). Error: half-width of JMH's "
                + "99.9% confidence interval over the measurement iterations; \"not measured\" with a single iteration."));
        double busiest = Math.max(nanToZero(data.run().loadAverageStart()), nanToZero(data.run().loadAverageEnd()));
        if (busiest > data.run().cores()) {
            about.add(new Block.Callout(Block.Callout.Level.WARNING, "Busy machine",
                    String.format(Locale.ROOT, "The load average reached %.1f on %d cores: other work shared the CPUs, so scores may be "
                            + "low and their errors understated. Rerun on an idle machine before comparing.", busiest, data.run().cores())));
        }
        if (data.suite().equals("endpoint")) {
            about.add(new Block.Callout(Block.Callout.Level.INFO, "Target",
                    "The server measured is the one the url parameter names; the JMH results do not record whether it was the "
                            + "hybench emulator (which models a server) or a real one. The parameters column gives url, api and model."));
        }
        List<JmhReportData.Score> primary = data.scores().stream().filter(s -> s.metric().isEmpty()).toList();
        List<JmhReportData.Score> secondary = data.scores().stream().filter(s -> !s.metric().isEmpty()).toList();
        List<Section> sections = new ArrayList<>();
        sections.add(new Section("About these numbers", about));
        sections.add(new Section("Scores", List.of(new Block.TableBlock(table(primary, false),
                "Primary score of every benchmark and parameter set. n: timed calls of a sample-time score (with their p50/p99/max), else measurement iterations."))));
        if (!secondary.isEmpty()) {
            sections.add(new Section("Secondary metrics", List.of(new Block.TableBlock(table(secondary, true),
                    "Auxiliary counters (per second of the iteration: tokens/s, bytes/s) and the endpoint suite's time to first token."))));
        }
        return new Page("JMH", "JMH " + data.suite() + " suite", provenance, sections);
    }

    static Table table(List<JmhReportData.Score> scores, boolean withMetric) {
        Table t = Table.create("scores",
                StringColumn.create("benchmark", scores.stream().map(JmhReportData.Score::benchmark).toList()),
                StringColumn.create("parameters", scores.stream().map(JmhReportData.Score::params).toList()),
                StringColumn.create("mode", scores.stream().map(JmhReportData.Score::mode).toList()));
        if (withMetric) t.addColumns(StringColumn.create("metric", scores.stream().map(JmhReportData.Score::metric).toList()));
        t.addColumns(
                Tables.decimals("score", 3, values(scores, JmhReportData.Score::score)),
                Tables.decimals("± error", 3, values(scores, JmhReportData.Score::error)),
                StringColumn.create("unit", scores.stream().map(JmhReportData.Score::unit).toList()),
                LongColumn.create("n", scores.stream().mapToLong(JmhReportData.Score::samples).toArray()),
                Tables.decimals("p50", 3, values(scores, s -> s.calls().p50())),
                Tables.decimals("p99", 3, values(scores, s -> s.calls().p99())),
                Tables.decimals("max", 3, values(scores, s -> s.calls().max())));
        return t;
    }

    private static double[] values(List<JmhReportData.Score> scores, ToDoubleFunction<JmhReportData.Score> f) {
        return scores.stream().mapToDouble(f).toArray();
    }

    private static String load(double v) {
        return Double.isNaN(v) ? Tables.NOT_MEASURED : String.format(Locale.ROOT, "%.2f", v);
    }

    private static double nanToZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }
}
