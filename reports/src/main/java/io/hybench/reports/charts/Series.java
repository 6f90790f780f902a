package io.hybench.reports.charts;

import java.util.Arrays;
import java.util.Objects;

/**
 * One named line or point set. Points with a non-finite coordinate are not drawn (a metric that was
 * not measured leaves a gap, it is never drawn as zero); at least one point must be drawable.
 *
 * @param name legend entry (any text: it never reaches the HTML unescaped)
 * @param x    x values, same length as y
 * @param y    y values
 * @param look line, line with markers, or markers only
 */
public record Series(String name, double[] x, double[] y, Look look) {

    public enum Look { LINE, LINE_WITH_MARKERS, MARKERS }

    public Series {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(look, "look");
        if (x.length != y.length) {
            throw new IllegalArgumentException("series '" + name + "': " + x.length + " x values but " + y.length + " y values");
        }
        x = x.clone();
        y = y.clone();
    }

    public static Series line(String name, double[] x, double[] y) {
        return new Series(name, x, y, Look.LINE);
    }

    public static Series lineWithMarkers(String name, double[] x, double[] y) {
        return new Series(name, x, y, Look.LINE_WITH_MARKERS);
    }

    public static Series markers(String name, double[] x, double[] y) {
        return new Series(name, x, y, Look.MARKERS);
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }

    /** The same series without points that cannot be drawn on the given axes (non-finite, of absurd magnitude, or <= 0 on a log axis). */
    Series drawable(Axis xAxis, Axis yAxis) {
        int n = 0;
        double[] dx = new double[x.length];
        double[] dy = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            if (drawable(x[i], xAxis) && drawable(y[i], yAxis)) {
                dx[n] = x[i];
                dy[n] = y[i];
                n++;
            }
        }
        return new Series(name, Arrays.copyOf(dx, n), Arrays.copyOf(dy, n), look);
    }

    /**
     * Beyond this magnitude a value is not drawn: XChart's tick calculation overflows (an axis from
     * -1e308 to 1e308 spans infinity) or never settles on distinct labels (log ticks past 1e308).
     */
    static final double MAX_DRAWABLE_MAGNITUDE = 1e150;

    private static boolean drawable(double v, Axis axis) {
        return Double.isFinite(v) && Math.abs(v) <= MAX_DRAWABLE_MAGNITUDE && (axis.scale() != Axis.Scale.LOG || v >= 1 / MAX_DRAWABLE_MAGNITUDE);
    }

    int size() {
        return x.length;
    }
}
