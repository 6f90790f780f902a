package io.hybench.cli;

import io.hybench.bench.export.RunExport;
import io.hybench.bench.metrics.ChosenPercentiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code hybench export}: a bench result folder as CSV and llm-d benchmark reports (docs/results.md, "Exports"). */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Export a bench result folder for other tools: requests.csv (one row per request), summary.csv (one row per "
                + "step, with the chosen percentiles) and llm-d/step-NN-TARGET.json (llm-d Benchmark Report v0.2.1, one per step)."})
public final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--in", required = true, paramLabel = "DIR", description = "A hybench bench result folder.")
    Path in;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder to write (default: DIR/export).")
    Path out;

    @Option(names = "--percentiles", paramLabel = "P,P...", description = "Percentiles of each latency metric, each in (0, 100] (default: the workload's percentiles, else 50,90,95,99,99.9).")
    String percentiles;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(in.resolve("summary.json"))) {
            err.println("hybench export: " + in + ": not a bench result folder (no summary.json)");
            return 2;
        }
        List<Path> written;
        try {
            ChosenPercentiles chosen = percentiles == null ? null : ChosenPercentiles.parse(percentiles);
            written = RunExport.write(in, chosen, out != null ? out : in.resolve("export"));
        } catch (IllegalArgumentException e) {
            if (Failures.internal(e)) throw e; // a bug of ours, not the user's input: exit 1, a stack trace with --verbose
            err.println("hybench export: " + Failures.message(e));
            return 2;
        } catch (UncheckedIOException e) {
            err.println("hybench export: " + Failures.message(e));
            return 1;
        }
        PrintWriter o = spec.commandLine().getOut();
        written.forEach(f -> o.println("export: " + f));
        o.flush();
        return 0;
    }
}
