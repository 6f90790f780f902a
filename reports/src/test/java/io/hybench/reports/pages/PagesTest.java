package io.hybench.reports.pages;

import io.hybench.reports.charts.PngChartEncoder;
import io.hybench.reports.html.Page;
import io.hybench.reports.html.PageRenderer;
import io.hybench.reports.html.Section;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Golden structure of every report kind: sections, provenance, escaping, self-containment. */
class PagesTest {
    private static final PngChartEncoder ENCODER = PngChartEncoder.standard();
    private static Page benchmark;
    private static String benchmarkHtml;

    @BeforeAll
    static void build() {
        benchmark = new BenchmarkPage(ENCODER).build(SampleReports.benchmark());
        benchmarkHtml = new PageRenderer().render(benchmark);
    }

    private static List<String> titles(Page page) {
        return page.sections().stream().map(Section::title).toList();
    }

    private static void assertSelfContainedAndEscaped(String html) {
        assertFalse(html.contains("<script"), "a script element reached the page");
        assertFalse(html.contains("<img src=x"), "an element from data reached the page unescaped");
        assertFalse(Pattern.compile("(src|href)=\"(?!data:|#)").matcher(html).find(), "a reference to another file or the network");
        assertTrue(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">"));
        assertTrue(html.contains("0.1.0-SNAPSHOT"), "project version");
        assertTrue(html.contains("<pre class=\"reproduce\"><code>hybench "), "reproduce command");
        assertTrue(html.contains("<dt>JVM</dt><dd>Temurin 25</dd>"), "environment");
    }

    @Test
    void benchmarkPageHasItsSectionsAndLabelsEmulation() {
        assertEquals(List.of("Summary", "Workload", "Throughput and goodput", "Target ollama-like", "Target " + SampleReports.HOSTILE_TARGET,
                "Latency distributions", "Time series"), titles(benchmark));
        assertSelfContainedAndEscaped(benchmarkHtml);
        assertTrue(benchmarkHtml.contains("<strong>Emulated targets</strong>ollama-like ran on the hybench emulator, profile ollama-4-slots."));
        assertTrue(benchmarkHtml.contains("vllm&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), "hostile target name shown escaped");
        assertTrue(benchmarkHtml.contains("prompt &lt;/pre&gt;&lt;b&gt;bold&lt;/b&gt; &amp; \uFFFDbell \uFFFD end"), "hostile prompt text shown escaped");
        // 3 load charts + TTFT, ITL, E2E per target (2 targets) + 2 distributions + 2 time series.
        assertEquals(13, count(benchmarkHtml, "<figure class=\"chart\"><img src=\"data:image/png;base64,"));
        assertTrue(benchmarkHtml.contains("Step at 64: numbers not trustworthy"), "untrustworthy step flagged");
        assertTrue(benchmarkHtml.contains("<td>32 (errors rose to 5%)</td>"), "collapse point in the summary");
        assertFalse(benchmarkHtml.replaceAll("data:image/png;base64,[A-Za-z0-9+/=]+", "").contains("NaN"), "a value that was not measured says so");
    }

    /** The sample's requests' own ±: none at 1 user (all its requests counted without one), P99 0.3 + users / 50 ms elsewhere, 3 requests without one at 64 users. */
    @Test
    void sweepTableShowsTheRequestsOwnTimingUncertaintyBesideTheStepsAndSaysWhereThereIsNone() {
        BenchmarkReportData data = SampleReports.benchmark();
        tech.tablesaw.api.Table table = BenchmarkPage.sweepTable(data, data.targets().getFirst());
        List<String> names = table.columnNames();
        int step = names.indexOf("E2E ± ms");
        assertEquals(List.of("TTFT ± ms", "token ± ms"), names.subList(step - 2, step), "each latency's ± beside the others");
        assertEquals(List.of("request ± P50 ms", "request ± P99 ms", "request ± max ms", "requests without ±"), names.subList(step + 1, step + 5));
        assertEquals(List.of("not measured", "not measured", "not measured"),
                List.of(table.getString(0, step + 1), table.getString(0, step + 2), table.getString(0, step + 3)),
                "1 user: no request had one, said in place");
        assertEquals(List.of("0.11", "0.34", "0.58", "0"),
                List.of(table.getString(1, step + 1), table.getString(1, step + 2), table.getString(1, step + 3), table.getString(1, step + 4)));
        assertEquals("3", table.getString(6, step + 4), "64 users: 3 requests without one");
        assertTrue(benchmarkHtml.contains("<th scope=\"col\">request ± P99 ms</th>"));
    }

    @Test
    void calibrationPageShowsIntervalsAndExportsVerbatim() {
        Page page = new CalibrationPage(ENCODER).build(SampleReports.calibration());
        String html = new PageRenderer().render(page);
        assertEquals(List.of("Operating points", "Dataset and policy", "Cost/accuracy frontier", "Against the threshold", "Score quality",
                "Exported router configs"), titles(page));
        assertSelfContainedAndEscaped(html);
        assertTrue(html.contains("<td>78.10% [77.20%, 79.00%]</td>"), "accuracy with interval");
        assertTrue(html.contains("<p class=\"emulation\">Emulator: none; every target was a real server.</p>"));
        assertTrue(html.contains("api_key: os.environ/OLLAMA_KEY\n&lt;/code&gt;&lt;/pre&gt;&lt;script&gt;"), "export shown verbatim, escaped");
        assertEquals(4, count(html, "<figure class=\"chart\">"));
    }

    @Test
    void costPageMarksBreakEvenAndShowsFormulas() {
        Page page = new CostPage(ENCODER).build(SampleReports.cost());
        String html = new PageRenderer().render(page);
        assertEquals(List.of("Break-even", "Derived figures", "Inputs"), titles(page));
        assertSelfContainedAndEscaped(html);
        assertTrue(html.contains("Self-hosting becomes cheaper than the API above 12.22G tokens per month."));
        assertTrue(html.contains("<td>monthly fixed / (API price - marginal local price)</td>"));
    }

    @Test
    void comparisonPageJudgesDeltasAgainstNoise() {
        ComparisonReportData data = SampleReports.comparison();
        Page page = new ComparisonPage(ENCODER).build(data);
        String html = new PageRenderer().render(page);
        assertEquals(List.of("Changes", "Target ollama-like", "Target " + SampleReports.HOSTILE_TARGET, "Runs compared"), titles(page));
        assertSelfContainedAndEscaped(html);
        List<MetricDelta> deltas = ComparisonPage.deltas(data.baseline(), data.candidate());
        // 2 targets x 7 steps x (3 rates + 2 percentiles x 3 latency metrics).
        assertEquals(2 * 7 * 9, deltas.size());
        // The candidate server is 25% faster: throughput at the first step rises well beyond the 2% intervals.
        MetricDelta first = deltas.getFirst();
        assertEquals("requests/s", first.metric());
        assertEquals(MetricDelta.Verdict.BETTER, first.verdict());
        assertTrue(html.contains("<td>better, beyond noise</td>"));
        assertTrue(html.contains("EMULATED: ollama-like (emulator profile ollama-4-slots)"));
    }

    private static int count(String text, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int n = 0;
        while (m.find()) n++;
        return n;
    }
}
