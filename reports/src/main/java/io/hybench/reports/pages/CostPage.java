package io.hybench.reports.pages;

import io.hybench.reports.charts.PngChartEncoder;
import io.hybench.reports.charts.ReportCharts;
import io.hybench.reports.charts.Series;
import io.hybench.reports.charts.TickLabels;
import io.hybench.reports.html.Block;
import io.hybench.reports.html.Page;
import io.hybench.reports.html.Section;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.List;

/** The cost report: inputs, every derived figure with its formula, and monthly cost against volume with break-even. */
public final class CostPage {
    private final PngChartEncoder encoder;

    public CostPage(PngChartEncoder encoder) {
        this.encoder = encoder;
    }

    public Page build(CostReportData data) {
        List<Series> lines = data.options().stream()
                .map(o -> Series.line(o.option(), o.tokensPerMonth(), o.costPerMonth())).toList();
        String breakEven = data.breakEvenTokensPerMonth().isPresent()
                ? "Self-hosting becomes cheaper than the API above " + TickLabels.SI.format(data.breakEvenTokensPerMonth().getAsDouble()) + " tokens per month."
                : "The self-hosted and API lines do not cross in the range shown: there is no break-even volume.";
        return new Page("Cost", "Self-hosted vs API cost", data.provenance(), List.of(
                new Section("Break-even", List.of(new Block.Paragraph(breakEven),
                        Block.chart(encoder, ReportCharts.costVsVolume("Monthly cost vs volume", data.currency(), lines, data.breakEvenTokensPerMonth()),
                                "Monthly cost of each option against monthly token volume; the dashed line marks the break-even volume."))),
                new Section("Derived figures", List.of(new Block.TableBlock(formulaTable(data), "Each figure with the formula that produced it, from the inputs below."))),
                new Section("Inputs", List.of(new Block.Facts(data.inputs())))));
    }

    static Table formulaTable(CostReportData data) {
        return Table.create("formulas",
                StringColumn.create("quantity", data.formulas().stream().map(CostReportData.Formula::quantity).toList()),
                StringColumn.create("formula", data.formulas().stream().map(CostReportData.Formula::formula).toList()),
                StringColumn.create("value", data.formulas().stream().map(CostReportData.Formula::value).toList()));
    }
}
