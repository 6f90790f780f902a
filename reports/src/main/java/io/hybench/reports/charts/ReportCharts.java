package io.hybench.reports.charts;

import io.hybench.reports.hdr.PercentileSpectrum;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The chart kinds the reports draw. Each takes plain arrays and names and returns a {@link ChartSpec};
 * none decides a look or a format.
 */
public final class ReportCharts {

    private ReportCharts() {
    }

    /**
     * Latency percentiles against load on log-log axes, one line per percentile, with the load
     * points (saturation, SLO limit, collapse) as dashed vertical lines.
     */
    public static ChartSpec latencyPercentilesVsLoad(String title, Axis loadAxis, String metricTitle, double[] load,
                                                     Map<String, double[]> msByPercentile, List<Annotation.VerticalLine> loadMarks) {
        List<Series> lines = new ArrayList<>();
        msByPercentile.forEach((label, ms) -> lines.add(Series.lineWithMarkers(label, load, ms)));
        return new ChartSpec(title, metricTitle + " percentiles (" + String.join(", ", msByPercentile.keySet())
                + ") against " + loadAxis.title() + ", log scale", loadAxis, Axis.log(metricTitle + " (ms)"), lines, List.copyOf(loadMarks));
    }

    /**
     * The HdrHistogram percentile spectrum: latency against percentile on the 1/(1-p) axis, so the
     * tail gets as much room as the body; one line per histogram. The 100% point (the maximum) lies
     * at infinity on this axis and is left out; tables state the maximum.
     */
    public static ChartSpec percentileSpectrum(String title, String metricTitle, Map<String, PercentileSpectrum> byName) {
        List<Series> lines = new ArrayList<>();
        byName.forEach((name, spectrum) -> {
            double[] p = spectrum.percentiles();
            double[] v = spectrum.valuesMs();
            int n = 0;
            // Past 1/(1-p) = count the spectrum holds no further value (it is the maximum), and near p = 100 the axis value
            // overflows: a step of 711,900 tokens drew an infinite x, on which XChart's tick placement never ends.
            while (n < p.length && p[n] < 100 && 1 / (1 - p[n] / 100) <= spectrum.totalCount()) n++;
            double[] x = new double[n];
            for (int i = 0; i < n; i++) x[i] = 1 / (1 - p[i] / 100);
            lines.add(Series.line(name, x, java.util.Arrays.copyOf(v, n)));
        });
        return new ChartSpec(title, metricTitle + " by percentile, the tail stretched (axis 1/(1-p)), one line per " + (byName.size() == 1 ? "histogram" : "series"),
                new Axis("percentile", Axis.Scale.LOG, TickLabels.INVERSE_TAIL_PERCENTILE), Axis.log(metricTitle + " (ms)"), lines, List.of());
    }

    /** Throughput (or goodput) against load, one line per target, load points marked. */
    public static ChartSpec rateVsLoad(String title, Axis loadAxis, String rateTitle, List<Series> perTarget,
                                       List<Annotation.VerticalLine> loadMarks) {
        return new ChartSpec(title, rateTitle + " against " + loadAxis.title() + ", one line per target",
                loadAxis, Axis.linear(rateTitle), perTarget, List.copyOf(loadMarks));
    }

    /** A per-second time series, one line per target or run. */
    public static ChartSpec timeSeries(String title, String valueTitle, List<Series> lines) {
        return new ChartSpec(title, valueTitle + " per second over the run", Axis.linear("time since start (s)"),
                Axis.linear(valueTitle), lines, List.of());
    }

    /**
     * The cost/accuracy frontier: every candidate threshold as a point, the Pareto frontier and the
     * convex hull (reachable by randomising between two thresholds) as lines, reference routers as
     * labelled points and chosen operating points with their confidence intervals as crosses.
     */
    public static ChartSpec frontier(String title, String costTitle, Series candidates, Series paretoFrontier, Series convexHull,
                                     List<Annotation.LabelledPoint> references, List<Annotation.LabelledPoint> operatingPoints,
                                     List<Annotation.IntervalCross> intervals) {
        List<Annotation> marks = new ArrayList<>(references);
        marks.addAll(operatingPoints);
        marks.addAll(intervals);
        return new ChartSpec(title, "accuracy against " + costTitle + " for every candidate threshold, with the Pareto frontier, "
                + "its convex hull, reference routers and the chosen operating points with confidence intervals",
                Axis.linear(costTitle), Axis.linear("accuracy").withTicks(TickLabels.PERCENT),
                List.of(candidates, paretoFrontier, convexHull), marks);
    }

    /** Fractions (accuracy, share kept local) against the routing threshold. */
    public static ChartSpec fractionsVsThreshold(String title, List<Series> fractions) {
        return new ChartSpec(title, String.join(", ", fractions.stream().map(Series::name).toList()) + " against the threshold",
                Axis.linear("threshold"), Axis.linear("fraction").withTicks(TickLabels.PERCENT), fractions, List.of());
    }

    /** One cost against the routing threshold. */
    public static ChartSpec costVsThreshold(String title, String costTitle, Series cost) {
        return new ChartSpec(title, costTitle + " against the threshold", Axis.linear("threshold"), Axis.linear(costTitle),
                List.of(cost), List.of());
    }

    /** Reliability diagram: observed frequency against mean predicted score per bin, with the diagonal of perfect calibration. */
    public static ChartSpec reliability(String title, double[] meanPredicted, double[] observedFrequency) {
        Series diagonal = Series.line("perfectly calibrated", new double[] {0, 1}, new double[] {0, 1});
        Series bins = Series.lineWithMarkers("observed", meanPredicted, observedFrequency);
        return new ChartSpec(title, "observed frequency of a correct local answer against the mean score, per score bin",
                Axis.linear("mean score in bin").withTicks(TickLabels.PERCENT),
                Axis.linear("observed frequency correct").withTicks(TickLabels.PERCENT), List.of(bins, diagonal), List.of());
    }

    /** Monthly cost against monthly token volume on log-log axes, one line per option, break-even marked. */
    public static ChartSpec costVsVolume(String title, String currency, List<Series> options, OptionalDouble breakEvenTokensPerMonth) {
        List<Annotation> marks = new ArrayList<>();
        breakEvenTokensPerMonth.ifPresent(v -> marks.add(new Annotation.VerticalLine(v, "break-even " + TickLabels.SI.format(v) + " tokens/month")));
        return new ChartSpec(title, "monthly cost against monthly token volume for each option, log scales",
                new Axis("tokens per month", Axis.Scale.LOG, TickLabels.SI), new Axis("cost per month (" + currency + ")", Axis.Scale.LOG, TickLabels.SI),
                options, marks);
    }
}
