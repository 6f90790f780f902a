package io.hybench.cli;

import io.hybench.bench.results.EnvInfo;
import io.hybench.calibrate.cost.CostAnalysis;
import io.hybench.calibrate.cost.MeasuredThroughput;
import io.hybench.calibrate.cost.ModelPrice;
import io.hybench.calibrate.cost.PriceFile;
import io.hybench.calibrate.cost.SelfHostedSetup;
import io.hybench.core.mapper.Json;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code hybench cost}: self-hosted vs API cost from a measured bench result and a dated price file. */
@Command(name = "cost", mixinStandardHelpOptions = true,
        description = {"Self-hosted vs API cost per million tokens, the break-even monthly volume and a hybrid split, "
                + "from the goodput a bench run measured at its SLOs. Formulas: docs/cost.md."})
public final class CostCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--bench", required = true, paramLabel = "DIR", description = "Bench result folder (results/<run-id>).")
    Path bench;

    @Option(names = "--target", required = true, description = "Target in that folder to price (the self-hosted one).")
    String target;

    @Option(names = "--prices", required = true, paramLabel = "FILE", description = "Dated price file (docs/prices.example.yaml).")
    Path prices;

    @Option(names = "--api-model", required = true, description = "Model in the price file to compare against.")
    String apiModel;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Hardware hardware;

    static final class Hardware {
        @Option(names = "--rent-usd-per-hour", description = "Hourly rent of the machine (rented all month).")
        Double rentPerHour;

        @ArgGroup(exclusive = false)
        Purchase purchase;
    }

    static final class Purchase {
        @Option(names = "--purchase-usd", required = true, description = "Purchase price of the machine.")
        double purchaseUsd;

        @Option(names = "--amortisation-months", required = true, description = "Months the purchase is spread over.")
        int months;
    }

    @Option(names = "--ops-usd-per-month", defaultValue = "0", description = "Operations overhead per machine per month.")
    double opsPerMonth;

    @Option(names = "--power-watts", required = true, description = "Draw while serving (measure with 'hybench gpu' during a run).")
    double powerWatts;

    @Option(names = "--idle-watts", defaultValue = "0", description = "Draw while idle.")
    double idleWatts;

    @Option(names = "--usd-per-kwh", defaultValue = "0.15", description = "Electricity price.")
    double usdPerKwh;

    @Option(names = "--utilisation", defaultValue = "1.0", description = "Fraction of the month the machine serves at the measured goodput.")
    double utilisation;

    @Option(names = "--local-share", defaultValue = "0.85", description = "Share of volume served locally in the hybrid line (e.g. a calibration's local share).")
    double localShare;

    @Option(names = "--api-cached-share", defaultValue = "0", paramLabel = "SHARE",
            description = "Share of the API's input tokens served from its prompt cache, priced at the price file's cache-read price "
                    + "(e.g. rates.cachedInputShare of a bench run against the API).")
    double apiCachedShare;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder that receives cost.json.")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CostAnalysis a;
        try {
            PriceFile priceFile = PriceFile.read(prices);
            ModelPrice price = priceFile.price(apiModel).orElseThrow(() -> new IllegalArgumentException(
                    prices + ": no model '" + apiModel + "'; it has " + priceFile.models().keySet()));
            double hardwarePerMonth = hardware.rentPerHour != null ? SelfHostedSetup.rentPerMonth(hardware.rentPerHour)
                    : SelfHostedSetup.amortisedPerMonth(hardware.purchase.purchaseUsd, hardware.purchase.months);
            // An absolute path lets the report find the bench folder (and whether its target was emulated) from anywhere.
            MeasuredThroughput t = MeasuredThroughput.fromBenchResult(bench.toAbsolutePath().normalize(), target);
            var setup = new SelfHostedSetup(hardwarePerMonth, opsPerMonth, powerWatts, idleWatts, usdPerKwh, t.goodputTokensPerSecond(), utilisation);
            a = CostAnalysis.of(t, setup, apiModel, priceFile.asOf().toString(), price, localShare, apiCachedShare);
        } catch (IllegalArgumentException e) {
            if (Failures.internal(e)) throw e; // a bug of ours, not the user's input: exit 1, a stack trace with --verbose
            err.println("hybench cost: " + Failures.message(e));
            return 2;
        }
        Files.createDirectories(out);
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(out.resolve("cost.json").toFile(), a);
        EnvInfo.capture(ProjectVersion.get()).writeInto(out);
        CommandLines.record(spec, out);
        o.printf(Locale.ROOT, "goodput at the SLOs   %.1f tokens/s (%s at load %s: %.3f req/s x %.0f in + %.0f out tokens)%n",
                a.throughput().goodputTokensPerSecond(), target, a.throughput().load(), a.throughput().goodputRequestsPerSecond(),
                a.throughput().meanInputTokens(), a.throughput().meanOutputTokens());
        if (!a.throughput().saturationReached()) {
            o.println("warning: the sweep never saturated this target; it may serve more, so self-hosted costs are upper bounds");
        }
        o.printf(Locale.ROOT, "capacity per machine  %.3g tokens/month at utilisation %.2f%n", a.selfHosted().capacityTokensPerMonth(), utilisation);
        o.printf(Locale.ROOT, "self-hosted           $%.4f per million tokens at capacity (energy $%.4f of it)%n",
                a.selfHosted().localUsdPerMillionAtCapacity(), a.selfHosted().energyUsdPerMillion());
        o.printf(Locale.ROOT, "API (%s, prices of %s)  $%.4f per million tokens for this mix%n", apiModel, a.api().pricesAsOf(), a.api().apiUsdPerMillion());
        o.println(Double.isNaN(a.breakEvenTokensPerMonth())
                ? "break-even            none: one machine's capacity ends before self-hosting gets cheaper"
                : String.format(Locale.ROOT, "break-even            %.3g tokens/month", a.breakEvenTokensPerMonth()));
        o.println("written: " + out.resolve("cost.json"));
        boolean reported = CommandLines.writeReport(out, o, err);
        o.flush();
        return reported ? 0 : 1;
    }
}
