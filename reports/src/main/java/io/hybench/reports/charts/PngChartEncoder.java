package io.hybench.reports.charts;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;

/**
 * Renders a {@link ChartSpec} through XChart into a PNG.
 *
 * <p>Why PNG and not SVG: XChart draws every glyph as an outline path, so its SVG of an ordinary
 * line chart weighs about half a megabyte, against about 140 kB for a PNG at twice the display
 * resolution (sharp on high-DPI screens). Reports inline a dozen charts, so PNG keeps them small.
 */
public final class PngChartEncoder {
    private final ChartStyle style;
    private final int pixelsPerCssPixel;

    public PngChartEncoder(ChartStyle style, int pixelsPerCssPixel) {
        if (pixelsPerCssPixel < 1 || pixelsPerCssPixel > 4) {
            throw new IllegalArgumentException("pixelsPerCssPixel must be 1..4, got " + pixelsPerCssPixel);
        }
        this.style = style;
        this.pixelsPerCssPixel = pixelsPerCssPixel;
    }

    /** The encoder the reports use: standard size, rendered at twice the display resolution. */
    public static PngChartEncoder standard() {
        return new PngChartEncoder(ChartStyle.standard(), 2);
    }

    public ChartImage encode(ChartSpec spec) {
        XYChart chart = toXChart(spec);
        int w = style.widthPx();
        int h = style.heightPx() + style.extraHeightPx(spec);
        BufferedImage image = new BufferedImage(w * pixelsPerCssPixel, h * pixelsPerCssPixel, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.scale(pixelsPerCssPixel, pixelsPerCssPixel);
            chart.paint(g, w, h);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) throw new IllegalStateException("no PNG writer in this JVM");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ChartImage("image/png", out.toByteArray(), w, h, spec.description());
    }

    /** Builds the XChart model: data series first, then marks (vertical lines, labelled points, intervals). */
    XYChart toXChart(ChartSpec spec) {
        XYChart chart = new XYChartBuilder().width(style.widthPx()).height(style.heightPx() + style.extraHeightPx(spec))
                .title(spec.title()).xAxisTitle(spec.xAxis().title()).yAxisTitle(spec.yAxis().title()).build();
        style.applyTo(chart, spec);
        Set<String> names = new HashSet<>();
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        int drawn = 0;
        for (Series raw : spec.series()) {
            Series s = raw.drawable(spec.xAxis(), spec.yAxis());
            requireNewName(spec, names, s.name());
            if (s.size() == 0) continue; // nothing measured: the legend would promise a line that is not there
            style.styleData(chart.addSeries(s.name(), project(spec.xAxis(), s.x()), project(spec.yAxis(), s.y())), s.look(), drawn++);
            for (double v : project(spec.yAxis(), s.y())) {
                yMin = Math.min(yMin, v);
                yMax = Math.max(yMax, v);
            }
            for (double v : project(spec.xAxis(), s.x())) {
                xMin = Math.min(xMin, v);
                xMax = Math.max(xMax, v);
            }
        }
        if (drawn == 0) throw new IllegalArgumentException("chart '" + spec.title() + "' has no drawable point in any series");
        int marks = 0;
        int hidden = 0;
        for (Annotation a : spec.annotations()) {
            switch (a) {
                case Annotation.VerticalLine v -> {
                    requireNewName(spec, names, v.label());
                    double[] x = project(spec.xAxis(), new double[] {v.x(), v.x()});
                    // A mark outside the data (a break-even at 1e-299 tokens) would stretch the axis past anything readable.
                    if (!(x[0] >= xMin && x[0] <= xMax)) continue;
                    style.styleVerticalLine(chart.addSeries(v.label(), x, new double[] {yMin, yMax}), marks++);
                }
                case Annotation.LabelledPoint p -> {
                    requireNewName(spec, names, p.label());
                    double[] x = project(spec.xAxis(), new double[] {p.x()});
                    double[] y = project(spec.yAxis(), new double[] {p.y()});
                    if (!Double.isFinite(x[0]) || !Double.isFinite(y[0])) continue;
                    style.stylePoint(chart.addSeries(p.label(), x, y), marks++);
                }
                case Annotation.IntervalCross c -> {
                    hidden = addSegment(chart, spec, hidden, c.xLow(), c.y(), c.xHigh(), c.y());
                    hidden = addSegment(chart, spec, hidden, c.x(), c.yLow(), c.x(), c.yHigh());
                }
            }
        }
        return chart;
    }

    private int addSegment(XYChart chart, ChartSpec spec, int hidden, double x1, double y1, double x2, double y2) {
        Series seg2 = Series.line("", new double[] {x1, x2}, new double[] {y1, y2}).drawable(spec.xAxis(), spec.yAxis());
        if (seg2.size() < 2) return hidden; // an interval bound that is unknown or off a log axis is not drawn
        // Unlisted in the legend; the NUL prefix keeps the key apart from any user-visible series name.
        XYSeries seg = chart.addSeries("\0interval-" + hidden, project(spec.xAxis(), seg2.x()), project(spec.yAxis(), seg2.y()));
        style.styleInterval(seg);
        return hidden + 1;
    }

    /** Positions on the drawn (linear) axis: log10 of the value on a log axis, NaN where it has none. See ChartStyle#tickLabels. */
    private static double[] project(Axis axis, double[] values) {
        if (axis.scale() == Axis.Scale.LINEAR) return values;
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) out[i] = values[i] > 0 ? Math.log10(values[i]) : Double.NaN;
        return out;
    }

    private static void requireNewName(ChartSpec spec, Set<String> names, String name) {
        if (!names.add(name)) {
            throw new IllegalArgumentException("chart '" + spec.title() + "' has two series or marks named '" + name + "'");
        }
    }
}
