package io.hybench.reports.pages;

import io.hybench.bench.metrics.Percentiles;
import io.hybench.calibrate.cost.CostUnit;
import io.hybench.calibrate.hybrid.Check;
import io.hybench.calibrate.hybrid.Claim;
import io.hybench.calibrate.hybrid.Estimate;
import io.hybench.calibrate.hybrid.HybridLevel;
import io.hybench.calibrate.hybrid.HybridSummary;
import io.hybench.calibrate.hybrid.PredictedLevel;
import io.hybench.calibrate.hybrid.Role;
import io.hybench.calibrate.hybrid.RouteTaken;
import io.hybench.reports.charts.Axis;
import io.hybench.reports.charts.ChartSpec;
import io.hybench.reports.charts.PngChartEncoder;
import io.hybench.reports.charts.Series;
import io.hybench.reports.charts.TickLabels;
import io.hybench.reports.html.Block;
import io.hybench.reports.html.Page;
import io.hybench.reports.html.Section;
import io.hybench.reports.html.Tables;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The Hybrid section of a benchmark report whose run folder holds {@code hybrid.json}: the routed target
 * beside its local and cloud parts per load level, measured beside predicted, and the seed's claims.
 */
public final class HybridSection {
    private final PngChartEncoder encoder;

    public HybridSection(PngChartEncoder encoder) {
        this.encoder = encoder;
    }

    /** The page with the Hybrid section right after its summary. */
    public Page addTo(Page page, HybridSummary s, String loadAxis, boolean geometricLoad) {
        List<Section> sections = new ArrayList<>(page.sections());
        sections.add(Math.min(1, sections.size()), build(s, geometricLoad ? Axis.log(loadAxis) : Axis.linear(loadAxis)));
        return new Page(page.kind(), page.title(), page.provenance(), sections);
    }

    Section build(HybridSummary s, Axis load) {
        String cost = s.costing().costUnit() == CostUnit.USD ? "cost per 1k queries (USD)" : "cloud calls per 1k queries";
        String emulated = s.parts().emulated() ? " (emulated)" : "";
        List<Block> blocks = new ArrayList<>();
        if (s.parts().emulated()) {
            blocks.add(new Block.Callout(Block.Callout.Level.INFO, "Emulated",
                    "At least one of " + s.parts().routed() + ", " + s.parts().local() + " and " + s.parts().cloud() + " is the serving emulator: these figures show the "
                            + "method and the emulator's models, not a real deployment."));
        }
        blocks.add(new Block.Paragraph("The routed target " + s.parts().routed() + " against its parts asked alone (" + s.parts().local() + ", " + s.parts().cloud()
                + ") in the same run, every answer graded with collect's graders. Costs: " + s.costing().costNote() + ". Definitions: docs/metrics.md, Hybrid."));
        blocks.add(new Block.TableBlock(levelTable(s), "Per target and load: accuracy with its Wilson interval, route shares, "
                + cost + ", user-visible latency (merged histograms)."));
        blocks.add(chart(new ChartSpec("Accuracy vs load" + emulated, "graded accuracy against load per target, predicted beside",
                load, Axis.linear("accuracy").withTicks(TickLabels.PERCENT),
                lines(s, l -> l.answers().accuracy().value(), p -> p.accuracy().value()), List.of()), "Accuracy: correct answers / measured requests."));
        blocks.add(chart(new ChartSpec("Cost vs load" + emulated, cost + " against load per target, predicted beside", load, Axis.linear(cost),
                lines(s, l -> l.costPer1k().value(), p -> p.costPer1k().value()), List.of()), cost + "."));
        for (String metric : List.of("TTFT", "E2E")) {
            for (String pct : List.of("P50", "P99")) {
                ToDoubleFunction<Percentiles> f = pct.equals("P50") ? Percentiles::p50Ms : Percentiles::p99Ms;
                boolean ttft = metric.equals("TTFT");
                blocks.add(chart(new ChartSpec(metric + " " + pct + " vs load" + emulated, "user-visible " + metric + " " + pct + " per target, log scale",
                        load, Axis.log(metric + " " + pct + " (ms)"),
                        lines(s, l -> f.applyAsDouble(ttft ? l.latency().ttftMs() : l.latency().e2eMs()), p -> f.applyAsDouble(ttft ? p.ttftMs() : p.e2eMs())), List.of()),
                        "User-visible " + metric + " " + pct + ": what a client of each target saw; the routed target's predicted mix beside it."));
            }
        }
        blocks.add(chart(routeMix(s, load), "Cumulative shares of the routed target's requests by route (stacked: each line adds one route "
                + "to those below it). Spill-over appears where the local part is at its in-flight limit."));
        Table byRoute = routeTable(s);
        if (byRoute.rowCount() > 0) blocks.add(new Block.TableBlock(byRoute, "The routed target's latency split by route."));
        if (s.prediction() == null) {
            blocks.add(new Block.Paragraph("No prediction: the run was given no calibration (--dataset, --dataset-mapping, --spec)."));
        } else {
            blocks.add(new Block.TableBlock(checkTable(s), "Measured beside predicted (the offline what-if over " + s.prediction().offline().rows()
                    + " labeled rows: " + String.join("; ", s.prediction().offline().rules()) + "). They agree where the intervals overlap."));
            for (Check c : s.checks()) {
                if (Boolean.FALSE.equals(c.agrees())) {
                    blocks.add(new Block.Callout(Block.Callout.Level.WARNING, "Load " + TickLabels.NUMBER.format(c.load()) + ": " + c.metric()
                            + " disagrees with the prediction", c.note() + "."));
                }
            }
        }
        blocks.add(new Block.TableBlock(claimTable(s), "The seed's claims checked on " + s.parts().routed() + " at each load" + emulated + "."));
        return new Section("Hybrid", blocks);
    }

    private Block chart(ChartSpec spec, String caption) {
        List<Series> drawable = spec.series().stream().filter(HybridSection::hasValue).toList();
        if (drawable.isEmpty()) return new Block.Paragraph(spec.title() + ": nothing to draw (no value was measured).");
        return new Block.Figure(encoder.encode(new ChartSpec(spec.title(), spec.description(), spec.xAxis(), spec.yAxis(), drawable,
                spec.annotations())), caption);
    }

    private static boolean hasValue(Series s) {
        for (double v : s.y()) if (Double.isFinite(v)) return true;
        return false;
    }

    private static List<Series> lines(HybridSummary s, ToDoubleFunction<HybridLevel> measured, ToDoubleFunction<PredictedLevel> predicted) {
        List<Series> out = new ArrayList<>();
        for (Role role : Role.values()) {
            List<HybridLevel> ls = levels(s, role);
            if (ls.isEmpty()) continue;
            out.add(Series.lineWithMarkers(ls.getFirst().at().target() + label(role), ls.stream().mapToDouble(l -> l.at().load()).toArray(),
                    ls.stream().mapToDouble(measured).toArray()));
        }
        if (s.prediction() != null && !s.prediction().levels().isEmpty()) {
            List<PredictedLevel> ps = s.prediction().levels();
            out.add(Series.markers(s.parts().routed() + " predicted", ps.stream().mapToDouble(PredictedLevel::load).toArray(),
                    ps.stream().mapToDouble(predicted).toArray()));
        }
        return out;
    }

    private static ChartSpec routeMix(HybridSummary s, Axis load) {
        List<HybridLevel> ls = levels(s, Role.HYBRID);
        double[] x = ls.stream().mapToDouble(l -> l.at().load()).toArray();
        double[] sum = new double[ls.size()];
        List<Series> lines = new ArrayList<>();
        String below = "";
        for (RouteTaken r : RouteTaken.values()) {
            if (ls.stream().noneMatch(l -> l.answers().routes().containsKey(r.label()))) continue;
            for (int i = 0; i < ls.size(); i++) sum[i] += (double) ls.get(i).answers().routes().getOrDefault(r.label(), 0L) / ls.get(i).answers().requests();
            below = below.isEmpty() ? r.label() : below + " + " + r.label();
            lines.add(Series.lineWithMarkers(below, x, sum.clone()));
        }
        if (lines.isEmpty()) lines.add(Series.line("no routed requests", new double[0], new double[0]));
        return new ChartSpec("Route mix vs load", "cumulative share of the routed target's requests per route against load", load,
                Axis.linear("share of requests").withTicks(TickLabels.PERCENT), lines, List.of());
    }

    static Table levelTable(HybridSummary s) {
        List<HybridLevel> ls = s.levels();
        return Table.create("hybrid levels",
                StringColumn.create("target", ls.stream().map(l -> l.at().target() + label(l.at().role())).toList()),
                Tables.decimals("load", 2, ls.stream().mapToDouble(l -> l.at().load()).toArray()),
                Tables.decimals("requests", 0, ls.stream().mapToDouble(l -> l.answers().requests()).toArray()),
                Tables.percent("accuracy", 1, ls.stream().mapToDouble(l -> l.answers().accuracy().value()).toArray()),
                StringColumn.create("accuracy interval", ls.stream().map(l -> percentInterval(l.answers().accuracy().estimate())).toList()),
                Tables.percent("local share", 1, ls.stream().mapToDouble(l -> l.shares().localShare().value()).toArray()),
                Tables.percent("escalated", 1, ls.stream().mapToDouble(l -> l.shares().escalationRate().value()).toArray()),
                Tables.percent("spilled", 1, ls.stream().mapToDouble(l -> l.shares().spillRate().value()).toArray()),
                Tables.decimals("cost/1k", 4, ls.stream().mapToDouble(l -> l.costPer1k().value()).toArray()),
                Tables.decimals("TTFT P50 ms", 1, ls.stream().mapToDouble(l -> l.latency().ttftMs().p50Ms()).toArray()),
                Tables.decimals("TTFT P99 ms", 1, ls.stream().mapToDouble(l -> l.latency().ttftMs().p99Ms()).toArray()),
                Tables.decimals("E2E P50 ms", 1, ls.stream().mapToDouble(l -> l.latency().e2eMs().p50Ms()).toArray()),
                Tables.decimals("E2E P99 ms", 1, ls.stream().mapToDouble(l -> l.latency().e2eMs().p99Ms()).toArray()),
                Tables.percent("TTFT < 100 ms", 1, ls.stream().mapToDouble(l -> l.latency().ttftUnder100Ms().value()).toArray()),
                Tables.decimals("requests/s", 2, ls.stream().mapToDouble(l -> l.throughput().requestsPerSecond()).toArray()),
                Tables.decimals("goodput/s", 2, ls.stream().mapToDouble(l -> l.throughput().goodputPerSecond()).toArray()),
                StringColumn.create("trust", ls.stream().map(l -> l.trusted() ? "ok" : "see warning").toList()));
    }

    static Table routeTable(HybridSummary s) {
        StringColumn route = StringColumn.create("route");
        List<Double> load = new ArrayList<>(), n = new ArrayList<>(), t50 = new ArrayList<>(), t99 = new ArrayList<>(), e50 = new ArrayList<>(), e99 = new ArrayList<>();
        for (HybridLevel l : levels(s, Role.HYBRID)) {
            l.latency().byRoute().forEach((r, lat) -> {
                route.append(r);
                load.add(l.at().load());
                n.add((double) lat.requests());
                t50.add(lat.ttftMs().p50Ms());
                t99.add(lat.ttftMs().p99Ms());
                e50.add(lat.e2eMs().p50Ms());
                e99.add(lat.e2eMs().p99Ms());
            });
        }
        return Table.create("latency by route", Tables.decimals("load", 2, unbox(load)), route, Tables.decimals("requests", 0, unbox(n)),
                Tables.decimals("TTFT P50 ms", 1, unbox(t50)), Tables.decimals("TTFT P99 ms", 1, unbox(t99)),
                Tables.decimals("E2E P50 ms", 1, unbox(e50)), Tables.decimals("E2E P99 ms", 1, unbox(e99)));
    }

    static Table checkTable(HybridSummary s) {
        List<Check> cs = s.checks();
        return Table.create("measured vs predicted",
                Tables.decimals("load", 2, cs.stream().mapToDouble(Check::load).toArray()),
                StringColumn.create("figure", cs.stream().map(Check::metric).toList()),
                StringColumn.create("measured", cs.stream().map(c -> interval(c.measured())).toList()),
                StringColumn.create("predicted", cs.stream().map(c -> interval(c.predicted())).toList()),
                StringColumn.create("agree", cs.stream().map(c -> c.agrees() == null ? "n/a" : c.agrees() ? "yes" : "no").toList()),
                StringColumn.create("why they part", cs.stream().map(Check::note).toList()));
    }

    static Table claimTable(HybridSummary s) {
        List<Claim> cs = s.claims();
        return Table.create("claims",
                Tables.decimals("load", 2, cs.stream().mapToDouble(Claim::load).toArray()),
                StringColumn.create("claim", cs.stream().map(Claim::seed).toList()),
                StringColumn.create("measured", cs.stream().map(c -> c.claim().equals("accuracyVsCloud")
                        ? String.format(Locale.ROOT, "%+.1f points", 100 * c.measured()) : String.format(Locale.ROOT, "%.1f%%", 100 * c.measured())).toList()),
                StringColumn.create("holds", cs.stream().map(c -> c.holds() == null ? "not measured" : c.holds() ? "yes" : "no").toList()),
                StringColumn.create("source", cs.stream().map(c -> c.emulated() ? "emulated" : "measured").toList()));
    }

    private static List<HybridLevel> levels(HybridSummary s, Role role) {
        return s.levels().stream().filter(l -> l.at().role() == role).sorted(java.util.Comparator.comparingDouble(l -> l.at().load())).toList();
    }

    private static String label(Role role) {
        return switch (role) {
            case HYBRID -> " (routed)";
            case LOCAL_ONLY -> " (local only)";
            case CLOUD_ONLY -> " (cloud only)";
        };
    }

    private static String interval(Estimate e) {
        return String.format(Locale.ROOT, "%.4g [%.4g, %.4g]", e.value(), e.lower(), e.upper());
    }

    private static String percentInterval(Estimate e) {
        return e.hasInterval() ? String.format(Locale.ROOT, "[%.1f%%, %.1f%%]", 100 * e.lower(), 100 * e.upper()) : Tables.NOT_MEASURED;
    }

    private static double[] unbox(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
