package io.hybench.reports.pages;

import io.hybench.reports.charts.PngChartEncoder;
import io.hybench.reports.html.PageRenderer;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

class SampleReportsTest {
    @Test
    void writesSamples() {
        new PageRenderer().write(new BenchmarkPage(PngChartEncoder.standard()).build(SampleReports.benchmark()), Path.of("target/sample-reports/benchmark.html"));
    }
}
