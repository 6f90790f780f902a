package io.hybench.reports.charts;

import java.util.Objects;

/** Something drawn over the data: a marked load level, a labelled point, or a confidence interval. */
public sealed interface Annotation {

    /** A vertical line at x with a label, e.g. a collapse point or a break-even volume. */
    record VerticalLine(double x, String label) implements Annotation {
        public VerticalLine {
            Objects.requireNonNull(label, "label");
        }
    }

    /** A labelled point, e.g. the oracle router or a chosen operating point. */
    record LabelledPoint(double x, double y, String label) implements Annotation {
        public LabelledPoint {
            Objects.requireNonNull(label, "label");
        }
    }

    /** A confidence interval drawn as a cross: [xLow, xHigh] at y and [yLow, yHigh] at x. NaN bounds are not drawn. */
    record IntervalCross(double x, double xLow, double xHigh, double y, double yLow, double yHigh) implements Annotation {
    }
}
