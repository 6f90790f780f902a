package io.hybench.reports.sources;

import io.hybench.reports.charts.PngChartEncoder;
import io.hybench.reports.html.Page;
import io.hybench.reports.html.PageRenderer;
import io.hybench.reports.pages.BenchmarkPage;
import io.hybench.reports.pages.BenchmarkReportData;
import io.hybench.reports.pages.CalibrationPage;
import io.hybench.reports.pages.CostPage;
import io.hybench.reports.pages.HybridSection;
import io.hybench.calibrate.hybrid.HybridAnalysis;
import io.hybench.reports.pages.JmhPage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * One report page from output folders: a folder's own page (benchmark, calibration, cost), or a comparison
 * when several benchmark folders are given (the first is the baseline).
 */
public final class Reports {
    private Reports() {
    }

    /**
     * @param labels names of the runs in a comparison, one per folder; empty for each run's id (or its
     *               folder path where ids repeat)
     */
    public static Page build(List<Path> dirs, List<String> labels, ReportContext ctx) {
        if (dirs.isEmpty()) throw new IllegalArgumentException("no folder given");
        if (!labels.isEmpty() && labels.size() != dirs.size()) {
            throw new IllegalArgumentException(labels.size() + " labels for " + dirs.size() + " folders; give one label per folder or none");
        }
        PngChartEncoder encoder = PngChartEncoder.standard();
        List<FolderKind> kinds = dirs.stream().map(FolderKind::of).toList();
        if (dirs.size() == 1) {
            Path dir = dirs.getFirst();
            return switch (kinds.getFirst()) {
                case BENCH -> benchmark(dir, ctx, encoder);
                case CALIBRATION -> new CalibrationPage(encoder).build(CalibrationFolder.load(dir, ctx));
                case COST -> new CostPage(encoder).build(CostFolder.load(dir, ctx));
                case JMH -> new JmhPage().build(JmhResultsFolder.load(dir), ctx.generatedAt());
            };
        }
        for (int i = 0; i < dirs.size(); i++) {
            if (kinds.get(i) != FolderKind.BENCH) {
                throw new IllegalArgumentException(dirs.get(i) + ": a " + kinds.get(i).name().toLowerCase(java.util.Locale.ROOT)
                        + " folder; several folders make one comparison page, which compares hybench bench result folders only");
            }
        }
        List<BenchmarkReportData> runs = dirs.stream().map(d -> BenchmarkFolder.load(d, ctx)).toList();
        return Comparisons.page(runs, labels.isEmpty() ? defaultLabels(dirs, runs) : labels, ctx, encoder);
    }

    /** A benchmark page, with the Hybrid section when the run folder holds a hybrid run's analysis. */
    private static Page benchmark(Path dir, ReportContext ctx, PngChartEncoder encoder) {
        BenchmarkReportData data = BenchmarkFolder.load(dir, ctx);
        Page page = new BenchmarkPage(encoder).build(data);
        if (!java.nio.file.Files.isRegularFile(dir.resolve(HybridAnalysis.SUMMARY))) return page;
        try {
            return new HybridSection(encoder).addTo(page, HybridAnalysis.read(dir), data.loadAxis(), data.geometricLoad());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(dir.resolve(HybridAnalysis.SUMMARY) + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Builds the page and writes it as one self-contained HTML file. */
    public static void write(List<Path> dirs, List<String> labels, ReportContext ctx, Path out) {
        new PageRenderer().write(build(dirs, labels, ctx), out);
    }

    private static List<String> defaultLabels(List<Path> dirs, List<BenchmarkReportData> runs) {
        List<String> ids = runs.stream().map(BenchmarkReportData::runId).toList();
        if (new HashSet<>(ids).size() == ids.size()) return ids;
        List<String> paths = new ArrayList<>();
        for (Path d : dirs) paths.add(d.toString());
        return paths;
    }
}
