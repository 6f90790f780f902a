package io.hybench.reports.charts;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;

/**
 * The look of every report chart: white plot, light grid, legend below the plot, a palette that
 * stays distinguishable for colour-blind readers (Okabe-Ito), dashed marker lines.
 */
public final class ChartStyle {
    /** Okabe-Ito palette, without its yellow (too faint on white). */
    private static final Color[] PALETTE = {
            new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
            new Color(0x56B4E9), new Color(0xE69F00), new Color(0x000000), new Color(0x999999)};
    private static final Color[] MARK_COLORS = {new Color(0xB2182B), new Color(0x6A3D9A), new Color(0x33A02C), new Color(0xFF7F00)};
    private static final Marker[] POINT_MARKERS = {SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_UP, SeriesMarkers.SQUARE,
            SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS};
    private static final String FONT = Font.SANS_SERIF;

    private final int widthPx;
    private final int heightPx;

    public ChartStyle(int widthPx, int heightPx) {
        if (widthPx < 200 || heightPx < 150) throw new IllegalArgumentException("chart size " + widthPx + "x" + heightPx + " is too small to read");
        this.widthPx = widthPx;
        this.heightPx = heightPx;
    }

    /** The size the reports use: wide enough for a legend of several targets below the plot. */
    public static ChartStyle standard() {
        return new ChartStyle(880, 440);
    }

    public int widthPx() {
        return widthPx;
    }

    public int heightPx() {
        return heightPx;
    }

    void applyTo(XYChart chart, ChartSpec spec) {
        XYStyler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(new Color(0xBBBBBB));
        s.setPlotGridLinesColor(new Color(0xE5E5E5));
        s.setChartTitleFont(new Font(FONT, Font.BOLD, 15));
        s.setChartTitleBoxVisible(false);
        s.setAxisTitleFont(new Font(FONT, Font.PLAIN, 13));
        s.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 11));
        s.setLegendFont(new Font(FONT, Font.PLAIN, 12));
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setLegendBorderColor(Color.WHITE);
        s.setSeriesColors(PALETTE);
        s.setMarkerSize(7);
        s.setChartPadding(12);
        s.setAntiAlias(true);
        s.setLocale(java.util.Locale.ROOT);
        if (spec.xAxis().scale() == Axis.Scale.LOG) s.setxAxisTickLabelsFormattingFunction(tickLabels(spec.xAxis()));
        else s.setXAxisDecimalPattern(decimalPattern(spec.xAxis()));
        if (spec.yAxis().scale() == Axis.Scale.LOG) s.setyAxisTickLabelsFormattingFunction(tickLabels(spec.yAxis()));
        else s.setYAxisDecimalPattern(decimalPattern(spec.yAxis()));
        if (verticalLegend(spec)) s.setLegendLayout(Styler.LegendLayout.Vertical);
    }

    /** Long legends (operating points, hostile names) do not fit one row; they get a column and a taller chart. */
    static boolean verticalLegend(ChartSpec spec) {
        return legendChars(spec) > 110;
    }

    /** Extra height a vertical legend needs, in CSS pixels. */
    int extraHeightPx(ChartSpec spec) {
        if (!verticalLegend(spec)) return 0;
        long entries = spec.series().size() + spec.annotations().stream().filter(a -> !(a instanceof Annotation.IntervalCross)).count();
        return (int) (entries * 20);
    }

    private static int legendChars(ChartSpec spec) {
        int n = spec.series().stream().mapToInt(x -> x.name().length() + 6).sum();
        for (Annotation a : spec.annotations()) {
            if (a instanceof Annotation.VerticalLine v) n += v.label().length() + 6;
            if (a instanceof Annotation.LabelledPoint p) n += p.label().length() + 6;
        }
        return n;
    }

    /**
     * Linear axes use XChart's own tick placement with a pattern (a label function would switch
     * XChart to a tick at every data value).
     */
    private static String decimalPattern(Axis axis) {
        return switch (axis.ticks()) {
            case PERCENT -> "0.#%";
            case NUMBER, SI, INVERSE_TAIL_PERCENTILE -> "0.###";
        };
    }

    /**
     * Tick labels for an axis. XChart's own logarithmic axis hangs in its tick calculation when a
     * label formatter is set (seen with 3.8.8 on ranges over three decades), so the encoder draws
     * log axes as linear axes of log10(value); the label turns the position back into the value,
     * decades exactly (1, 10, 100 or 90%, 99%, 99.9%), ticks between them to two significant digits.
     */
    private static java.util.function.Function<Double, String> tickLabels(Axis axis) {
        TickLabels labels = axis.ticks();
        if (axis.scale() == Axis.Scale.LINEAR) return labels::format;
        return position -> {
            double decade = Math.rint(position);
            if (Math.abs(position - decade) < 1e-9) return labels.format(Math.pow(10, decade));
            // Between decades, two significant digits: of the value, or of the tail 1-p on the spectrum axis (68%, 96.8%, 99.68%).
            return labels == TickLabels.INVERSE_TAIL_PERCENTILE
                    ? labels.format(1 / roundToSignificant(Math.pow(10, -position), 2))
                    : labels.format(roundToSignificant(Math.pow(10, position), 2));
        };
    }

    private static double roundToSignificant(double v, int digits) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(digits)).doubleValue();
    }

    void styleData(XYSeries xy, Series.Look look, int index) {
        Color c = PALETTE[index % PALETTE.length];
        xy.setLineColor(c);
        xy.setMarkerColor(c);
        xy.setLineWidth(2f);
        switch (look) {
            case LINE -> xy.setMarker(SeriesMarkers.NONE);
            case LINE_WITH_MARKERS -> xy.setMarker(SeriesMarkers.CIRCLE);
            case MARKERS -> {
                xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                xy.setMarker(SeriesMarkers.CIRCLE);
            }
        }
    }

    void styleVerticalLine(XYSeries xy, int index) {
        Color c = MARK_COLORS[index % MARK_COLORS.length];
        xy.setLineColor(c);
        xy.setMarker(SeriesMarkers.NONE);
        xy.setLineStyle(new BasicStroke(1.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {7f, 5f}, 0f));
    }

    void stylePoint(XYSeries xy, int index) {
        Color c = MARK_COLORS[index % MARK_COLORS.length];
        xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        xy.setMarker(POINT_MARKERS[index % POINT_MARKERS.length]);
        xy.setMarkerColor(c);
    }

    void styleInterval(XYSeries xy) {
        xy.setLineColor(new Color(0x333333));
        xy.setLineWidth(1.2f);
        xy.setMarker(SeriesMarkers.NONE);
        xy.setShowInLegend(false);
    }
}
