package io.hybench.reports.pages;

import io.hybench.reports.charts.Annotation;
import io.hybench.reports.charts.PngChartEncoder;
import io.hybench.reports.charts.ReportCharts;
import io.hybench.reports.charts.Series;
import io.hybench.reports.html.Block;
import io.hybench.reports.html.Fact;
import io.hybench.reports.html.Page;
import io.hybench.reports.html.Section;
import io.hybench.reports.html.Tables;
import io.hybench.reports.pages.CalibrationReportData.CostAccuracy;
import io.hybench.reports.pages.CalibrationReportData.CurvePoint;
import io.hybench.reports.pages.CalibrationReportData.OperatingPoint;
import io.hybench.reports.pages.CalibrationReportData.ReferenceRouter;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** The calibration report: frontier with operating points and intervals, curves against the threshold, score quality, exports. */
public final class CalibrationPage {
    private final PngChartEncoder encoder;

    public CalibrationPage(PngChartEncoder encoder) {
        this.encoder = encoder;
    }

    public Page build(CalibrationReportData data) {
        List<Section> sections = new ArrayList<>();
        sections.add(new Section("Operating points", List.of(
                new Block.TableBlock(operatingPointTable(data), "Chosen thresholds, measured on the held-out split, with confidence intervals [low, high]."),
                new Block.TableBlock(referenceTable(data), "Reference routers on the same data."))));
        sections.add(new Section("Dataset and policy", List.of(new Block.Facts(data.dataset()))));
        sections.add(new Section("Cost/accuracy frontier", List.of(Block.chart(encoder, frontierChart(data),
                "Every candidate threshold (dots), the Pareto frontier, its convex hull (reachable by randomising between two thresholds), "
                        + "reference routers and the chosen operating points; crosses are their confidence intervals."))));
        sections.add(new Section("Against the threshold", List.of(
                Block.chart(encoder, ReportCharts.fractionsVsThreshold("Accuracy and local share vs threshold", List.of(
                        Series.line("accuracy", curve(data, CurvePoint::threshold), curve(data, CurvePoint::accuracy)),
                        Series.line("share kept local", curve(data, CurvePoint::threshold), curve(data, CurvePoint::shareLocal)))),
                        "Accuracy and the share of queries kept local at each candidate threshold."),
                Block.chart(encoder, ReportCharts.costVsThreshold("Cost vs threshold", data.curves().costTitle(),
                        Series.line("cost", curve(data, CurvePoint::threshold), curve(data, CurvePoint::cost))),
                        "Cost at each candidate threshold."))));
        CalibrationReportData.ScoreQuality q = data.scoreQuality();
        List<Block> quality = new ArrayList<>();
        if (q.equals(CalibrationReportData.ScoreQuality.NONE)) {
            quality.add(new Block.Paragraph("The data has no score column, so there is no score quality to measure; "
                    + "only the reference routers and the fixed splits above are meaningful."));
        } else {
            quality.add(new Block.Facts(List.of(new Fact("AUROC", fixed(q.auroc(), 3)), new Fact("ECE", fixed(q.expectedCalibrationError(), 3)),
                    new Fact("Brier score", fixed(q.brier(), 3)))));
        }
        if (!q.bins().isEmpty()) {
            quality.add(Block.chart(encoder, ReportCharts.reliability("Reliability diagram",
                    q.bins().stream().mapToDouble(CalibrationReportData.ReliabilityBin::meanScore).toArray(),
                    q.bins().stream().mapToDouble(CalibrationReportData.ReliabilityBin::observedAccuracy).toArray()),
                    "Per score bin, how often the local answer was right; on the diagonal a score reads as a probability."));
        }
        sections.add(new Section("Score quality", quality));
        List<Block> exports = new ArrayList<>();
        for (CalibrationReportData.ExportedFile f : data.exports()) exports.add(new Block.Verbatim(f.fileName() + " (" + f.format() + ")", f.text()));
        if (exports.isEmpty()) exports.add(new Block.Paragraph("No exports were written."));
        sections.add(new Section("Exported router configs", exports));
        return new Page("Calibration", "Routing calibration", data.provenance(), sections);
    }

    static Table operatingPointTable(CalibrationReportData data) {
        List<OperatingPoint> ops = data.operatingPoints();
        return Table.create("operating points",
                StringColumn.create("objective", ops.stream().map(OperatingPoint::objective).toList()),
                StringColumn.create("method", ops.stream().map(OperatingPoint::method).toList()),
                Tables.decimals("threshold", 4, ops.stream().mapToDouble(OperatingPoint::threshold).toArray()),
                StringColumn.create("accuracy", ops.stream().map(o -> withInterval(o.accuracy(), true)).toList()),
                StringColumn.create(data.curves().costTitle(), ops.stream().map(o -> withInterval(o.cost(), false)).toList()),
                StringColumn.create("share local", ops.stream().map(o -> withInterval(o.shareLocal(), true)).toList()));
    }

    static Table referenceTable(CalibrationReportData data) {
        List<ReferenceRouter> refs = data.references();
        return Table.create("references",
                StringColumn.create("router", refs.stream().map(ReferenceRouter::name).toList()),
                Tables.percent("accuracy", 2, refs.stream().mapToDouble(ReferenceRouter::accuracy).toArray()),
                Tables.decimals(data.curves().costTitle(), 4, refs.stream().mapToDouble(ReferenceRouter::cost).toArray()),
                Tables.percent("share local", 1, refs.stream().mapToDouble(ReferenceRouter::shareLocal).toArray()));
    }

    private static io.hybench.reports.charts.ChartSpec frontierChart(CalibrationReportData data) {
        List<Annotation.LabelledPoint> refs = data.references().stream()
                .map(r -> new Annotation.LabelledPoint(r.cost(), r.accuracy(), r.name())).toList();
        List<Annotation.LabelledPoint> ops = new ArrayList<>();
        List<Annotation.IntervalCross> crosses = new ArrayList<>();
        for (OperatingPoint o : data.operatingPoints()) {
            ops.add(new Annotation.LabelledPoint(o.cost().value(), o.accuracy().value(),
                    o.objective() + " (" + o.method() + ", t=" + fixed(o.threshold(), 3) + ")"));
            crosses.add(new Annotation.IntervalCross(o.cost().value(), o.cost().low(), o.cost().high(),
                    o.accuracy().value(), o.accuracy().low(), o.accuracy().high()));
        }
        return ReportCharts.frontier("Cost/accuracy frontier", data.curves().costTitle(),
                Series.markers("candidate thresholds", curve(data, CurvePoint::cost), curve(data, CurvePoint::accuracy)),
                Series.line("Pareto frontier", points(data.curves().paretoFrontier(), CostAccuracy::cost), points(data.curves().paretoFrontier(), CostAccuracy::accuracy)),
                Series.line("convex hull", points(data.curves().convexHull(), CostAccuracy::cost), points(data.curves().convexHull(), CostAccuracy::accuracy)),
                refs, ops, crosses);
    }

    private static String withInterval(Estimate e, boolean percent) {
        Function<Double, String> f = percent ? v -> fixed(v * 100, 2) + "%" : v -> fixed(v, 4);
        if (!Double.isFinite(e.value())) return Tables.NOT_MEASURED;
        return e.hasInterval() ? f.apply(e.value()) + " [" + f.apply(e.low()) + ", " + f.apply(e.high()) + "]" : f.apply(e.value()) + " (no interval)";
    }

    private static String fixed(double v, int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : Tables.NOT_MEASURED;
    }

    private static double[] curve(CalibrationReportData data, ToDoubleFunction<CurvePoint> f) {
        return data.curves().curve().stream().mapToDouble(f).toArray();
    }

    private static double[] points(List<CostAccuracy> points, ToDoubleFunction<CostAccuracy> f) {
        return points.stream().mapToDouble(f).toArray();
    }
}
