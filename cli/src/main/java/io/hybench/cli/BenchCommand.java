package io.hybench.cli;

import io.hybench.bench.client.ClientOptions;
import io.hybench.bench.load.ClientFactory;
import io.hybench.bench.load.LoadRunner;
import io.hybench.bench.load.RunListener;
import io.hybench.bench.load.Workload;
import io.hybench.bench.load.WorkloadException;
import io.hybench.bench.load.WorkloadOverrides;
import io.hybench.bench.load.WorkloadYaml;
import io.hybench.bench.results.EnvInfo;
import io.hybench.bench.results.SweepTable;
import io.hybench.cli.progress.ProgressBarListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code hybench bench}: runs a workload's sweep against its targets and writes a result folder. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Run a workload (closed-loop user sweep or open-loop rate sweep) against its targets.",
                "Results go to <out>/<run-id>/ (docs/results.md) with report.html; the sweep table is printed at the end."})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--workload", required = true, paramLabel = "FILE", description = "Workload YAML (format: docs/results.md).")
    Path workload;

    @Option(names = "--target", split = ",", paramLabel = "NAME", description = "Run only these targets of the workload.")
    List<String> targets;

    @Option(names = "--mode", paramLabel = "closed|open", description = "Closed loop (users) or open loop (rates).")
    String mode;

    @Option(names = "--users", split = ",", paramLabel = "N", description = "Closed-loop levels, e.g. 1,2,4,8.")
    List<Integer> users;

    @Option(names = "--rates", split = ",", paramLabel = "R", description = "Open-loop levels in requests/s, e.g. 0.5,1,2.")
    List<Double> rates;

    @Option(names = "--arrival", paramLabel = "poisson|constant", description = "Open-loop arrival process.")
    String arrival;

    @Option(names = "--max-in-flight", paramLabel = "N", description = "Open-loop cap on concurrent requests.")
    Integer maxInFlight;

    @Option(names = "--warmup", paramLabel = "DURATION", description = "Warm-up per step, e.g. 10s.")
    String warmup;

    @Option(names = "--duration", paramLabel = "DURATION", description = "Measured time per step, e.g. 60s.")
    String duration;

    @Option(names = "--requests", paramLabel = "N", description = "Measured requests per step (instead of a duration).")
    Integer requests;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for prompts, think times and arrivals.")
    Long seed;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "results", description = "Folder that receives <run-id>/.")
    Path out;

    @Option(names = "--run-id", paramLabel = "ID", description = "Result folder name (default: UTC time and workload name).")
    String runId;

    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Workload w;
        try {
            w = new WorkloadOverrides(targets, mode, users, rates, arrival, maxInFlight, warmup, duration, requests, seed)
                    .apply(WorkloadYaml.read(workload));
        } catch (WorkloadException e) {
            err.println("hybench bench: " + e.getMessage());
            return 2;
        }
        try (ProgressBarListener bar = noProgress ? null : ProgressBarListener.forWorkload(w)) {
            LoadRunner.Result result = new LoadRunner(w, ClientFactory.streaming(ClientOptions.DEFAULTS), bar == null ? RunListener.NONE : bar)
                    .run(out, runId, EnvInfo.capture(ProjectVersion.get()));
            PrintWriter o = spec.commandLine().getOut();
            o.print(SweepTable.render(result.summary()));
            o.println("results: " + result.folder().dir());
            CommandLines.record(spec, result.folder().dir());
            boolean reported = CommandLines.writeReport(result.folder().dir(), o, err);
            o.flush();
            return reported ? 0 : 1;
        } catch (IllegalStateException e) {
            err.println("hybench bench: " + e.getMessage());
            return 1;
        }
    }
}
