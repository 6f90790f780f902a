package io.hybench.cli;

import io.hybench.core.time.Durations;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.time.Duration;

/** The {@code hybench} command line. Builds the command tree and exits with the command's code. */
@Command(name = "hybench",
        description = "Benchmark local (Ollama, vLLM) and cloud LLM serving, and calibrate local/cloud routing.",
        mixinStandardHelpOptions = true,
        versionProvider = ProjectVersion.class,
        subcommands = {
                DemoCommand.class,
                BenchCommand.class,
                MergeCommand.class,
                ProbeCommand.class,
                EmulateCommand.class,
                EmulatorFidelityCommand.class,
                CalibrateCommand.class,
                RouteCommand.class,
                CostCommand.class,
                MemoryCommand.class,
                CollectCommand.class,
                HybridCommand.class,
                GenerateQuestionsCommand.class,
                GpuCommand.class,
                ReportCommand.class,
                ExportCommand.class,
                ScoreCommand.class,
                CommandLine.HelpCommand.class})
public final class Hybench {

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "On failure, print the stack trace too.")
    boolean verbose;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The full command tree, with defaults shown in every command's help. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Hybench());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // One duration syntax everywhere (500ms, 30s, 2m, 1h), ISO-8601 (PT30S) kept as an alias.
        cl.registerConverter(Duration.class, text -> Duration.ofNanos(Durations.parseNanos(text)));
        Failures failures = new Failures();
        cl.setExecutionExceptionHandler(failures);
        cl.setParameterExceptionHandler(failures);
        showDefaults(cl);
        return cl;
    }

    private static void showDefaults(CommandLine cl) {
        cl.getCommandSpec().usageMessage().showDefaultValues(true);
        cl.getSubcommands().values().forEach(Hybench::showDefaults);
    }
}
