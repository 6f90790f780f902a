package io.hybench.reports.pages;

import io.hybench.reports.charts.PngChartEncoder;
import io.hybench.reports.html.Page;
import io.hybench.reports.html.PageRenderer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes one sample page of each report kind, for the browser check and for people to look at. */
final class SamplePages {
    private SamplePages() {
    }

    static List<Path> writeAll(Path dir) {
        PngChartEncoder encoder = PngChartEncoder.standard();
        PageRenderer renderer = new PageRenderer();
        List<Path> files = new ArrayList<>();
        files.add(write(renderer, new BenchmarkPage(encoder).build(SampleReports.benchmark()), dir.resolve("benchmark.html")));
        files.add(write(renderer, new CalibrationPage(encoder).build(SampleReports.calibration()), dir.resolve("calibration.html")));
        files.add(write(renderer, new CostPage(encoder).build(SampleReports.cost()), dir.resolve("cost.html")));
        files.add(write(renderer, new ComparisonPage(encoder).build(SampleReports.comparison()), dir.resolve("comparison.html")));
        return files;
    }

    private static Path write(PageRenderer renderer, Page page, Path file) {
        renderer.write(page, file);
        return file;
    }
}
