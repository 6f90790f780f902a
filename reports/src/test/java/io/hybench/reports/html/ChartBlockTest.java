package io.hybench.reports.html;

import io.hybench.reports.charts.Axis;
import io.hybench.reports.charts.ChartSpec;
import io.hybench.reports.charts.PngChartEncoder;
import io.hybench.reports.charts.ReportCharts;
import io.hybench.reports.charts.Series;
import io.hybench.reports.hdr.PercentileSpectrum;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Charts of legitimate but degenerate runs: a note in place of the chart, never an exception or a runaway. */
class ChartBlockTest {
    private final PngChartEncoder encoder = PngChartEncoder.standard();

    @Test
    void zeroGapsOnALogAxisBecomeANote() {
        // A server that writes several tokens at once: every inter-token gap is 0 ms.
        ChartSpec itl = ReportCharts.latencyPercentilesVsLoad("ITL percentiles vs load", Axis.log("users"), "ITL",
                new double[] {1, 2, 4}, Map.of("P50", new double[] {0, 0, 0}, "P99", new double[] {0, 0, Double.NaN}), List.of());
        Block b = Block.chart(encoder, itl, "caption");
        Block.Callout note = assertInstanceOf(Block.Callout.class, b);
        assertTrue(note.title().startsWith("ITL percentiles vs load: nothing to draw"), note.title());
    }

    @Test
    void extremeValuesAreLeftOutInsteadOfOverflowingTheAxis() {
        ChartSpec threshold = ReportCharts.costVsThreshold("Cost vs threshold", "cost",
                Series.line("cost", new double[] {-1e308, 1e308}, new double[] {1, 2}));
        assertInstanceOf(Block.Callout.class, Block.chart(encoder, threshold, "c"));
        // An API price of 1e308: the API line is left out, the self-hosted line and no runaway tick search remain.
        ChartSpec cost = ReportCharts.costVsVolume("Monthly cost vs volume", "USD", List.of(
                Series.line("self-hosted", new double[] {1e7, 1e12}, new double[] {1e3, 5e5}),
                Series.line("API", new double[] {1e7, 1e12}, new double[] {1.5e308, Double.POSITIVE_INFINITY})), OptionalDouble.of(1.1e-299));
        Block b = assertTimeoutPreemptively(Duration.ofMinutes(1), () -> Block.chart(encoder, cost, "c"));
        assertInstanceOf(Block.Figure.class, b);
    }

    /**
     * Inter-token gaps of 1,000 distinct values and one outlier. 711,900 gaps (a 1,024-user device step): HdrHistogram's
     * spectrum runs to p ≈ 100, where 1/(1-p) passes the count. Ten million: the axis runs past 99.9999%, where six
     * significant digits made every tick read 100% and XChart's tick search never ended.
     */
    @ParameterizedTest
    @ValueSource(longs = {712, 10_000})
    void aLongTailedSpectrumEndsAtItsCountAndDraws(long perValue) {
        Histogram gaps = new Histogram(3_600_000_000_000L, 3);
        for (int i = 0; i < 1000; i++) gaps.recordValueWithCount(20_000_000L + i * 1_000L, perValue);
        gaps.recordValue(900_000_000L);
        PercentileSpectrum spectrum = PercentileSpectrum.fromNanos(gaps);
        ChartSpec chart = ReportCharts.percentileSpectrum("ITL distribution", "ITL", Map.of("emulator", spectrum));
        for (Series s : chart.series()) {
            for (double x : s.x()) assertTrue(Double.isFinite(x) && x >= 1 && x <= spectrum.totalCount(), "x = " + x);
        }
        assertInstanceOf(Block.Figure.class, assertTimeoutPreemptively(Duration.ofMinutes(1), () -> Block.chart(encoder, chart, "c")));
    }
}
