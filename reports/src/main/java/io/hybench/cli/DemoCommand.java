package io.hybench.cli;

import io.hybench.bench.load.LoadRunner;
import io.hybench.bench.results.SweepTable;
import io.hybench.demo.Demo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code hybench demo}: the whole pipeline against built-in emulators, no server or key needed. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start emulated Ollama, vLLM and cloud servers on loopback, run the same closed-loop sweep against each "
                + "through its own protocol, and write the results. Every figure is from an emulator and is labelled so."})
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: results/demo-<UTC time>).")
    Path out;

    @Option(names = "--users", split = ",", paramLabel = "N", defaultValue = "1,2,4,8", description = "Closed-loop virtual users per step.")
    List<Integer> users;

    @Option(names = "--warmup-seconds", defaultValue = "2", description = "Warm-up per step, not measured.")
    double warmupSeconds;

    @Option(names = "--duration-seconds", defaultValue = "6", description = "Measured time per step.")
    double durationSeconds;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for the emulators and the workload.")
    long seed;

    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        Path dir = out != null ? out : Path.of("results", "demo-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .withZone(ZoneOffset.UTC).format(Instant.now()));
        var settings = new Demo.Settings(dir, users, Math.round(warmupSeconds * 1e9), Math.round(durationSeconds * 1e9), seed);
        LoadRunner.Result bench = Demo.run(settings, ProjectVersion.get(), !noProgress, o);
        o.print(SweepTable.render(bench.summary()));
        o.println("bench results: " + bench.folder().dir());
        CommandLines.record(spec, bench.folder().dir());
        if (!CommandLines.writeReport(bench.folder().dir(), o, spec.commandLine().getErr())) return 1;
        o.println();
        o.println("Cost of self-hosting the vLLM-like deployment vs an API (example inputs: " + String.join(" ", Demo.COST_EXAMPLE) + "):");
        o.flush();
        List<String> cost = new java.util.ArrayList<>(List.of("--bench", bench.folder().dir().toString(), "--out", dir.resolve("cost").toString()));
        cost.addAll(Demo.COST_EXAMPLE);
        return spec.root().commandLine().getSubcommands().get("cost").execute(cost.toArray(String[]::new));
    }
}
