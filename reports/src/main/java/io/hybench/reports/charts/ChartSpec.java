package io.hybench.reports.charts;

import java.util.List;
import java.util.Objects;

/**
 * The model of one chart: what to draw, free of any look. {@link ChartStyle} decides the look and
 * {@link PngChartEncoder} the output, as XChart separates chart, styler and encoder.
 *
 * @param title       chart title
 * @param description one sentence saying what the chart shows; becomes the image's alt text
 * @param xAxis       horizontal axis
 * @param yAxis       vertical axis
 * @param series      the data, drawn in order
 * @param annotations marks drawn over the data
 */
public record ChartSpec(String title, String description, Axis xAxis, Axis yAxis, List<Series> series,
                        List<Annotation> annotations) {

    public ChartSpec {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(xAxis, "xAxis");
        Objects.requireNonNull(yAxis, "yAxis");
        series = List.copyOf(series);
        annotations = List.copyOf(annotations);
        if (series.isEmpty()) throw new IllegalArgumentException("chart '" + title + "' has no series");
    }

    /** Whether any series has a point that can be drawn (finite, and positive on a log axis). */
    public boolean hasDrawablePoint() {
        return series.stream().anyMatch(s -> s.drawable(xAxis, yAxis).size() > 0);
    }

    /** The same chart with one more series. */
    public ChartSpec withSeries(Series extra) {
        List<Series> all = new java.util.ArrayList<>(series);
        all.add(extra);
        return new ChartSpec(title, description, xAxis, yAxis, all, annotations);
    }
}
