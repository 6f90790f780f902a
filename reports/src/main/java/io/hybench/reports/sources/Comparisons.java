package io.hybench.reports.sources;

import io.hybench.reports.charts.PngChartEncoder;
import io.hybench.reports.html.EmulatedTarget;
import io.hybench.reports.html.Fact;
import io.hybench.reports.html.Page;
import io.hybench.reports.html.Provenance;
import io.hybench.reports.html.Section;
import io.hybench.reports.pages.BenchmarkReportData;
import io.hybench.reports.pages.ComparisonPage;
import io.hybench.reports.pages.ComparisonReportData;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Compares benchmark runs: the first is the baseline, every other run is compared against it. Two
 * runs give the comparison page as it is; more give one page holding each pair's sections in turn.
 */
final class Comparisons {
    private Comparisons() {
    }

    /**
     * @param labels one per run, distinct
     */
    static Page page(List<BenchmarkReportData> runs, List<String> labels, ReportContext ctx, PngChartEncoder encoder) {
        if (runs.size() < 2) throw new IllegalArgumentException("a comparison needs at least two runs");
        if (new HashSet<>(labels).size() != labels.size()) throw new IllegalArgumentException("run labels must differ, were " + labels);
        Provenance provenance = provenance(runs, labels, ctx);
        ComparisonPage builder = new ComparisonPage(encoder);
        if (runs.size() == 2) {
            return builder.build(new ComparisonReportData(provenance, labels.get(0), runs.get(0), labels.get(1), runs.get(1)));
        }
        List<Section> sections = new ArrayList<>();
        for (int i = 1; i < runs.size(); i++) {
            Page pair = builder.build(new ComparisonReportData(provenance, labels.getFirst(), runs.getFirst(), labels.get(i), runs.get(i)));
            String prefix = labels.get(i) + " vs " + labels.getFirst() + ": ";
            pair.sections().forEach(s -> sections.add(new Section(prefix + s.title(), s.blocks())));
        }
        return new Page("Comparison", (runs.size() - 1) + " runs against " + labels.getFirst(), provenance, sections);
    }

    /** The comparison's own provenance: the report command; each run's version and machine are listed beside it. */
    private static Provenance provenance(List<BenchmarkReportData> runs, List<String> labels, ReportContext ctx) {
        List<Fact> env = new ArrayList<>();
        List<EmulatedTarget> emulated = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Provenance p = runs.get(i).provenance();
            String machine = p.environment().stream().filter(f -> f.label().equals("CPU") || f.label().equals("Java"))
                    .map(Fact::value).reduce((a, b) -> a + "; " + b).orElse("environment not recorded");
            env.add(new Fact((i == 0 ? "Baseline " : "Run ") + labels.get(i), "run " + runs.get(i).runId() + ", hybench " + p.projectVersion() + ", " + machine));
            for (EmulatedTarget t : p.emulated()) emulated.add(new EmulatedTarget(t.target() + " in " + labels.get(i), t.profile()));
        }
        env.add(new Fact("Report written by", "hybench " + ctx.reportVersion()));
        return new Provenance(ctx.reportVersion(), ctx.reportCommand(), env, emulated, ctx.generatedAt());
    }
}
