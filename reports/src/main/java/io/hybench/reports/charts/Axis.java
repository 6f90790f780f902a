package io.hybench.reports.charts;

import java.util.Objects;

/**
 * One axis of a chart: its title (with the unit), its scale and how tick values read.
 *
 * @param title shown beside the axis; name the unit here ("P99 latency (ms)")
 * @param scale linear or logarithmic
 * @param ticks how a tick value is written
 */
public record Axis(String title, Scale scale, TickLabels ticks) {

    public enum Scale { LINEAR, LOG }

    public Axis {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(scale, "scale");
        Objects.requireNonNull(ticks, "ticks");
    }

    public static Axis linear(String title) {
        return new Axis(title, Scale.LINEAR, TickLabels.NUMBER);
    }

    public static Axis log(String title) {
        return new Axis(title, Scale.LOG, TickLabels.NUMBER);
    }

    public Axis withTicks(TickLabels labels) {
        return new Axis(title, scale, labels);
    }
}
