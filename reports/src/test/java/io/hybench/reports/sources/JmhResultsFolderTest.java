package io.hybench.reports.sources;

import io.hybench.reports.html.Page;
import io.hybench.reports.html.PageRenderer;
import io.hybench.reports.pages.JmhPage;
import io.hybench.reports.pages.JmhReportData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A real endpoint-suite folder (the run in docs/performance.md) read and rendered. */
class JmhResultsFolderTest {
    @TempDir
    Path tmp;

    private static Path endpointRun() throws URISyntaxException {
        return Path.of(JmhResultsFolderTest.class.getResource("jmh-endpoint/jmh.json").toURI()).getParent();
    }

    @Test
    void readsPrimaryAndSecondaryScoresWithoutThePercentileRows() throws Exception {
        JmhReportData d = JmhResultsFolder.load(endpointRun());
        assertEquals("endpoint", d.suite());
        assertEquals(2, d.run().cores());
        List<String> rows = d.scores().stream().map(s -> s.benchmark() + "/" + s.metric()).toList();
        assertEquals(List.of("EndpointBenchmark.tokens/", "EndpointBenchmark.tokens/outputTokens", "EndpointBenchmark.tokens/ttft",
                "EndpointBenchmark.latency/", "EndpointBenchmark.latency/ttft"), rows);
        JmhReportData.Score tokens = d.scores().get(1);
        assertEquals(79.2768, tokens.score(), 1e-4);
        assertEquals(0.1564, tokens.error(), 1e-4);
        assertEquals("ops/s", tokens.unit());
        assertTrue(Double.isNaN(tokens.calls().p50()), "percentiles of iteration scores are not shown as call percentiles");
        JmhReportData.Score latency = d.scores().get(3);
        assertEquals("sample", latency.mode());
        assertEquals(20, latency.samples(), "20 requests were timed");
        assertEquals(1612.7099, latency.calls().p50(), 1e-4);
        assertEquals(1621.0985, latency.calls().max(), 1e-4);
        JmhReportData.Score ttft = d.scores().get(4);
        assertEquals(5, ttft.samples(), "JMH keeps a secondary's per-iteration means, not its calls");
        assertEquals(61.866, ttft.calls().p50(), 1e-3);
    }

    @Test
    void theRunRendersAndABusyMachineIsFlagged() throws Exception {
        JmhReportData d = JmhResultsFolder.load(endpointRun());
        Page page = new JmhPage().build(d, Instant.parse("2026-11-25T12:00:00Z"));
        Path html = tmp.resolve("jmh.html");
        new PageRenderer().write(page, html);
        String text = Files.readString(html);
        assertTrue(text.contains("79.277"), "tokens/s shown");
        assertFalse(text.contains("Busy machine"), "load 1.07 on 2 cores is not busy");
        assertFalse(text.contains("every target was a real server"), "a suite has no target list to vouch for");
        JmhReportData busy = new JmhReportData(d.suite(), d.projectVersion(), d.command(),
                new JmhReportData.Run(d.run().startedAt(), d.run().endedAt(), 9.5, 8.0, 2), d.environment(), d.scores());
        assertTrue(new PageRenderer().render(new JmhPage().build(busy, Instant.EPOCH)).contains("Busy machine"));
    }

    @Test
    void aFolderWithoutJmhResultsIsRejectedByName() {
        var e = assertThrows(IllegalArgumentException.class, () -> JmhResultsFolder.load(tmp));
        assertTrue(e.getMessage().contains("jmh.json"));
    }

    @Test
    void percentileRowsAreRecognised() {
        assertTrue(JmhResultsFolder.isPercentileRow("p0.50"));
        assertTrue(JmhResultsFolder.isPercentileRow("ttft:p1.00"));
        assertFalse(JmhResultsFolder.isPercentileRow("ttft"));
        assertFalse(JmhResultsFolder.isPercentileRow("outputTokens"));
    }
}
