package io.hybench.jmh;

import io.hybench.bench.results.EnvInfo;
import io.hybench.bench.results.JmhFolder;
import org.openjdk.jmh.profile.Profiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Properties;

/**
 * Runs one suite with JMH's own harness and writes {@code results/jmh-<suite>-<time>/} ({@link JmhFolder}):
 * <pre>JmhSuites endpoint|harness [--results DIR] [JMH options: -f 1 -wi 3 -i 5 -p url=... ...]</pre>
 * JMH options are JMH's command line ({@code -h} lists them; a benchmark pattern narrows the suite, e.g.
 * {@code RoutingBenchmark}); the suite fixes which benchmarks may run, the JSON result file, and fail-on-error, so a benchmark that cannot run (no server
 * reachable, a failed request) ends the run with exit status 1 and no results instead of a score.
 */
public final class JmhSuites {
    static final int USAGE = 2;
    static final int FAILED = 1;

    private JmhSuites() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
            System.err.println("usage: JmhSuites endpoint|harness [--results DIR] [JMH options, e.g. -f 1 -wi 3 -i 5 -p url=http://127.0.0.1:8000]");
            return USAGE;
        }
        Suite suite;
        try {
            suite = Suite.parse(args[0]);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return USAGE;
        }
        Path resultsDir = Path.of("results");
        List<String> jmhArgs = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
        int at = jmhArgs.indexOf("--results");
        if (at >= 0) {
            if (at + 1 >= jmhArgs.size()) {
                System.err.println("--results needs a directory");
                return USAGE;
            }
            resultsDir = Path.of(jmhArgs.get(at + 1));
            jmhArgs.subList(at, at + 2).clear();
        }
        CommandLineOptions cli;
        try {
            cli = new CommandLineOptions(jmhArgs.toArray(String[]::new));
        } catch (CommandLineOptionException e) {
            System.err.println("JMH options: " + e.getMessage());
            return USAGE;
        }
        return measure(suite, cli, jmhArgs, resultsDir, String.join(" ", args));
    }

    private static int measure(Suite suite, CommandLineOptions cli, List<String> jmhArgs, Path resultsDir, String argLine) {
        Instant start = Instant.now();
        double loadStart = loadAverage();
        Path dir = JmhFolder.create(resultsDir, suite.cliName(), start);
        Path results = dir.resolve(JmhFolder.RESULTS);
        ChainedOptionsBuilder options = new OptionsBuilder().parent(cli)
                .exclude(suite.outsideRegex())
                .resultFormat(ResultFormatType.JSON)
                .result(results.toString())
                .shouldFailOnError(true);
        if (cli.getIncludes().isEmpty()) options.include(suite.packageRegex());
        for (Class<? extends Profiler> p : suite.profilers()) options.addProfiler(p);
        Collection<RunResult> run;
        try {
            run = new Runner(options.build()).run();
        } catch (RunnerException e) {
            discard(dir);
            System.err.println("jmh " + suite.cliName() + ": a benchmark failed, so no results were written (the failure is printed above): "
                    + e.getMessage());
            return FAILED;
        }
        if (run.isEmpty()) {
            discard(dir);
            System.err.println("jmh " + suite.cliName() + ": no benchmark matched; nothing measured");
            return FAILED;
        }
        JmhFolder.writeRun(dir, new JmhFolder.Run(suite.cliName(), "JmhSuites " + argLine, jmhArgs, start.toString(),
                Instant.now().toString(), loadStart, loadAverage(), EnvInfo.capture(projectVersion())));
        System.out.println("jmh " + suite.cliName() + ": results in " + dir);
        return 0;
    }

    /** The machine's one-minute load average; NaN where the OS does not say. */
    static double loadAverage() {
        double v = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return v < 0 ? Double.NaN : v;
    }

    private static void discard(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) Files.delete(f);
            Files.delete(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the incomplete result folder " + dir, e);
        }
    }

    private static String projectVersion() {
        try (InputStream in = JmhSuites.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
