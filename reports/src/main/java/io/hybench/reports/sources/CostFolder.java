package io.hybench.reports.sources;

import io.hybench.bench.client.Target;
import io.hybench.bench.load.WorkloadException;
import io.hybench.bench.load.WorkloadYaml;
import io.hybench.bench.results.CommandFile;
import io.hybench.bench.results.EnvInfo;
import io.hybench.bench.results.RunFolder;
import io.hybench.calibrate.cost.CostAnalysis;
import io.hybench.calibrate.cost.CostModel;
import io.hybench.calibrate.cost.MeasuredThroughput;
import io.hybench.calibrate.cost.SelfHostedSetup;
import io.hybench.core.mapper.Json;
import io.hybench.reports.html.EmulatedTarget;
import io.hybench.reports.html.Fact;
import io.hybench.reports.html.Provenance;
import io.hybench.reports.pages.CostReportData.CostLine;
import io.hybench.reports.pages.CostReportData.Formula;
import io.hybench.reports.pages.CostReportData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;

/**
 * Reads a {@code hybench cost} output folder (cost.json, docs/cost.md) into the cost page's model.
 * The priced throughput comes from a bench result folder; when that folder is at hand, its target's
 * emulator profile is stated, so an emulated goodput is never priced as a real server's.
 */
public final class CostFolder {
    static final String FILE = "cost.json";

    private CostFolder() {
    }

    public static CostReportData load(Path dir, ReportContext ctx) {
        Path file = dir.resolve(FILE);
        CostAnalysis a;
        try {
            a = Json.MAPPER.readValue(file.toFile(), CostAnalysis.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not a cost analysis: " + e.getMessage(), e);
        }
        if (a.curve().isEmpty()) throw new IllegalArgumentException(file + ": the cost curve is empty");
        String hybrid = "hybrid, " + number(a.localShare() * 100) + "% local";
        List<CostLine> lines = List.of(line("self-hosted", a, CostAnalysis.Point::localUsd), line("API " + a.api().apiModel(), a, CostAnalysis.Point::apiUsd),
                line(hybrid, a, CostAnalysis.Point::hybridUsd));
        OptionalDouble breakEven = Double.isFinite(a.breakEvenTokensPerMonth()) ? OptionalDouble.of(a.breakEvenTokensPerMonth()) : OptionalDouble.empty();
        return new CostReportData(provenance(dir, a, ctx), "USD", inputs(a), formulas(a), lines, breakEven);
    }

    private static CostLine line(String name, CostAnalysis a, ToDoubleFunction<CostAnalysis.Point> usd) {
        return new CostLine(name, a.curve().stream().mapToDouble(CostAnalysis.Point::tokensPerMonth).toArray(), a.curve().stream().mapToDouble(usd).toArray());
    }

    private static Provenance provenance(Path dir, CostAnalysis a, ReportContext ctx) {
        EnvInfo env = Files.isRegularFile(dir.resolve(RunFolder.ENV)) ? EnvInfo.readFrom(dir) : null;
        List<Fact> facts = new ArrayList<>(env == null ? EnvironmentFacts.notRecorded(ctx) : EnvironmentFacts.of(env, ctx));
        List<EmulatedTarget> emulated = new ArrayList<>();
        Path bench = Path.of(a.throughput().resultDir());
        if (Files.isRegularFile(bench.resolve(RunFolder.WORKLOAD))) {
            Target t = measuredTarget(bench, a.throughput().target());
            if (t != null && t.emulated()) emulated.add(new EmulatedTarget(t.name(), t.emulatorProfile()));
            facts.add(new Fact("Throughput measured", "by the bench run in " + bench + (t == null ? "" : ": " + WorkloadFacts.target(t))));
        } else {
            facts.add(new Fact("Throughput measured", "by the bench run in " + bench + ", not found here: whether its target was emulated is not known"));
        }
        String command = CommandFile.read(dir).orElse("not recorded: this folder predates command.txt; cost.json lists every input");
        return new Provenance(env == null ? "not recorded" : env.projectVersion(), command, facts, emulated, ctx.generatedAt());
    }

    private static Target measuredTarget(Path bench, String name) {
        try {
            String yaml = Files.readString(bench.resolve(RunFolder.WORKLOAD));
            return WorkloadYaml.recorded(yaml, bench.resolve(RunFolder.WORKLOAD).toString(), bench).targets().stream()
                    .filter(t -> t.name().equals(name)).findFirst().orElse(null);
        } catch (IOException | WorkloadException e) {
            throw new IllegalArgumentException(bench + ": cannot read the bench workload the cost analysis names: " + e.getMessage(), e);
        }
    }

    private static List<Fact> inputs(CostAnalysis a) {
        MeasuredThroughput t = a.throughput();
        SelfHostedSetup s = a.setup();
        List<Fact> f = new ArrayList<>();
        f.add(new Fact("Measured goodput", String.format(Locale.ROOT, "%.3f requests/s meeting every SLO, target %s at load %s (the largest load meeting the SLOs)",
                t.goodputRequestsPerSecond(), t.target(), number(t.load()))));
        f.add(new Fact("Tokens per request", String.format(Locale.ROOT, "%.1f input + %.1f output (means of that step's successful requests)",
                t.meanInputTokens(), t.meanOutputTokens())));
        f.add(new Fact("Sweep saturated", t.saturationReached() ? "yes"
                : "NO: the machine may serve more than measured, so every self-hosted figure is an upper bound"));
        f.add(new Fact("Hardware", usd(s.hardwareUsdPerMonth()) + " per machine-month"));
        f.add(new Fact("Operations", usd(s.opsUsdPerMonth()) + " per machine-month"));
        f.add(new Fact("Power", number(s.activePowerWatts()) + " W serving, " + number(s.idlePowerWatts()) + " W idle, at " + usd(s.usdPerKwh()) + "/kWh"));
        f.add(new Fact("Utilisation", number(s.utilisation() * 100) + "% of the month at the measured goodput"));
        f.add(new Fact("API", a.api().apiModel() + ": " + usd(a.api().apiPrice().inputUsdPerMillion()) + " input, " + usd(a.api().apiPrice().outputUsdPerMillion())
                + " output per million tokens (prices as of " + a.api().pricesAsOf() + (a.api().apiPrice().source() == null ? "" : "; " + a.api().apiPrice().source()) + ")"));
        f.add(new Fact("Hybrid split", number(a.localShare() * 100) + "% of the volume served locally, the rest by the API"));
        return f;
    }

    /** docs/cost.md's formulas, each with its value from cost.json. */
    private static List<Formula> formulas(CostAnalysis a) {
        MeasuredThroughput t = a.throughput();
        List<Formula> f = new ArrayList<>();
        f.add(new Formula("goodput g", "goodput requests/s × (mean input + mean output tokens)",
                String.format(Locale.ROOT, "%.1f tokens/s", t.goodputTokensPerSecond())));
        if (a.api().apiCachedShare() == 0) {
            f.add(new Formula("API price for this mix p", "input share × input price + (1 − input share) × output price",
                    String.format(Locale.ROOT, "%s per million tokens (input share %.3f)", usd(a.api().apiUsdPerMillion()), t.inputShare())));
        } else {
            f.add(new Formula("API price for this mix p", "input share × ((1 − cached share) × input price + cached share × cache-read price) + (1 − input share) × output price",
                    String.format(Locale.ROOT, "%s per million tokens (input share %.3f, cached share %.3f)", usd(a.api().apiUsdPerMillion()),
                            t.inputShare(), a.api().apiCachedShare())));
        }
        f.add(new Formula("capacity per machine C", "g × 3600 × " + number(CostModel.HOURS_PER_MONTH) + " h × utilisation",
                String.format(Locale.ROOT, "%.4g tokens/month", a.selfHosted().capacityTokensPerMonth())));
        f.add(new Formula("energy e", "serving W / g × $/kWh / 3.6e6, per million tokens", usd(a.selfHosted().energyUsdPerMillion()) + " per million tokens"));
        f.add(new Formula("fixed per machine F", "hardware + operations + idle W × (1 − utilisation) × " + number(CostModel.HOURS_PER_MONTH) + " h × $/kWh",
                usd(a.selfHosted().fixedUsdPerMachineMonth()) + " per month"));
        f.add(new Formula("self-hosted at capacity", "(F + C × e) / C", usd(a.selfHosted().localUsdPerMillionAtCapacity()) + " per million tokens"));
        f.add(new Formula("break-even V*", "F / (p − e), when it is within C", Double.isFinite(a.breakEvenTokensPerMonth())
                ? String.format(Locale.ROOT, "%.4g tokens/month", a.breakEvenTokensPerMonth()) : "none: self-hosting never gets cheaper here"));
        return f;
    }

    private static String usd(double v) {
        return String.format(Locale.ROOT, v >= 100 ? "$%,.0f" : v >= 1 ? "$%.2f" : "$%.4f", v);
    }

    private static String number(double v) {
        return WorkloadFacts.number(v);
    }
}
