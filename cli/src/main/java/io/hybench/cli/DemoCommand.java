package io.hybench.cli;

import io.hybench.cli.progress.Terminals;
import io.hybench.demo.Demo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code hybench demo}: the whole pipeline against built-in emulators, no server or key needed. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The whole pipeline with no server or key: start emulated Ollama-, vLLM- and cloud-like servers on loopback, "
                + "run the same closed-loop sweep against each through its own protocol, collect a labeled routing dataset from "
                + "the shipped question set (vLLM-like as local, cloud-like as cloud), calibrate the cascade on it, run "
                + "hybench route with the fitted spec over each local deployment under rising load beside the parts alone (the "
                + "Ollama-like one spills to the cloud once saturated), price self-hosting "
                + "against an API, and write a report for each step. Every figure comes from an emulator and is labelled so."})
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: results/demo-<UTC time>).")
    Path out;

    @Option(names = "--users", split = ",", paramLabel = "N", defaultValue = "1,2,4,8", description = "Closed-loop virtual users per step.")
    List<Integer> users;

    @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "500ms", description = "Warm-up per step, not measured.")
    Duration warmup;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "3s", description = "Measured time per step.")
    Duration duration;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for the emulators and the workload.")
    long seed;

    @Option(names = "--questions", defaultValue = "150", description = "How many of the shipped questions collect asks and the hybrid step draws from (datasets/synthetic-v1.jsonl has 300).")
    int questions;

    @Option(names = "--hybrid-users", split = ",", paramLabel = "N", defaultValue = "2,8",
            description = "Closed-loop users per step of the hybrid step (beyond the Ollama-like deployment's limit its router spills).")
    List<Integer> hybridUsers;

    @Option(names = "--hybrid-duration", paramLabel = "DURATION", defaultValue = "2500ms", description = "Measured time per step of the hybrid step.")
    Duration hybridDuration;

    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        Path dir = out != null ? out : Path.of("results", "demo-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .withZone(ZoneOffset.UTC).format(Instant.now()));
        var settings = new Demo.Settings(dir, users, warmup.toNanos(), duration.toNanos(), seed, questions,
                hybridUsers, hybridDuration.toNanos());
        Path home = projectHome();
        var root = spec.root().commandLine();
        int rc = Demo.run(settings, home, ProjectVersion.get(), Terminals.drawProgress(noProgress), o, args -> root.execute(args), d -> CommandLines.record(spec, d));
        o.println();
        o.println(rc == 0 ? "demo done: bench, collect, calibration, hybrid-* and cost folders, each with its report.html, under " + dir
                : "demo stopped (exit " + rc + "); what finished is under " + dir);
        o.flush();
        return rc;
    }

    /**
     * The checkout holding the shipped question set and price file: what the launcher exports, else
     * the working directory or the nearest folder above it that has them (plain Maven, tests).
     */
    private static Path projectHome() {
        String env = System.getenv("HYBENCH_HOME");
        if (env != null) return Path.of(env);
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (java.nio.file.Files.isRegularFile(p.resolve("datasets/synthetic-v1.jsonl"))) return p;
        }
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(new DemoCommand()),
                "cannot find the project's datasets/synthetic-v1.jsonl above " + Path.of("").toAbsolutePath() + "; run from the checkout or set HYBENCH_HOME");
    }
}
