package io.hybench.reports.pages;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybench.calibrate.hybrid.HybridAnalysis;
import io.hybench.calibrate.hybrid.HybridSummary;
import io.hybench.core.mapper.Json;
import io.hybench.reports.charts.PngChartEncoder;
import io.hybench.reports.html.Page;
import io.hybench.reports.html.PageRenderer;
import io.hybench.reports.sources.GoldenFoldersTest;
import io.hybench.reports.sources.ReportContext;
import io.hybench.reports.sources.Reports;

import java.io.IOException;
import java.io.UncheckedIOException;
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
        // The Hybrid section: a routed run with real route mixes, and one whose latency charts have nothing to draw.
        Path routed = GoldenFoldersTest.GOLDEN_HYBRID_ROUTED;
        files.add(write(renderer, Reports.build(List.of(routed), List.of(), new ReportContext("9.9-test", "hybench report --in " + routed,
                SampleReports.WRITTEN)), dir.resolve("hybrid.html")));
        Path bench = GoldenFoldersTest.GOLDEN_BENCH_5;
        files.add(write(renderer, Reports.build(List.of(bench), List.of(), new ReportContext("9.9-test", "hybench report --in " + bench,
                SampleReports.WRITTEN)), dir.resolve(BENCH_FORMAT_5)));
        files.add(write(renderer, new HybridSection(encoder).addTo(new BenchmarkPage(encoder).build(SampleReports.benchmark()),
                noLatencyMeasured(routed), "users", false), dir.resolve(NOTHING_TO_DRAW)));
        return files;
    }

    /** The benchmark report of a real run of summary format 5 (each latency's timing uncertainty, each step's requests' own). */
    static final String BENCH_FORMAT_5 = "bench-format-5.html";

    /** The sample whose TTFT and E2E charts have nothing to draw. */
    static final String NOTHING_TO_DRAW = "hybrid-nothing-to-draw.html";

    /** A hybrid summary as a run where no request succeeded would have it: no latency, measured or predicted. */
    private static HybridSummary noLatencyMeasured(Path runDir) {
        try {
            ObjectNode tree = Json.MAPPER.valueToTree(HybridAnalysis.read(runDir));
            List<ObjectNode> withLatency = new ArrayList<>();
            tree.get("levels").forEach(l -> withLatency.add((ObjectNode) l));
            tree.get("prediction").get("levels").forEach(l -> withLatency.add((ObjectNode) l));
            for (ObjectNode level : withLatency) {
                for (String metric : List.of("ttftMs", "e2eMs")) {
                    ObjectNode p = (ObjectNode) level.get(metric);
                    List<String> names = new ArrayList<>();
                    p.fieldNames().forEachRemaining(names::add);
                    for (String f : names) if (f.endsWith("Ms")) p.set(f, DoubleNode.valueOf(Double.NaN));
                }
            }
            return Json.MAPPER.treeToValue(tree, HybridSummary.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(PageRenderer renderer, Page page, Path file) {
        renderer.write(page, file);
        return file;
    }
}
