package io.hybench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

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
                CostCommand.class,
                MemoryCommand.class,
                CollectCommand.class,
                GenerateQuestionsCommand.class,
                GpuCommand.class,
                ReportCommand.class,
                ScoreCommand.class,
                CommandLine.HelpCommand.class})
public final class Hybench {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The full command tree, with defaults shown in every command's help. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Hybench());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        showDefaults(cl);
        return cl;
    }

    private static void showDefaults(CommandLine cl) {
        cl.getCommandSpec().usageMessage().showDefaultValues(true);
        cl.getSubcommands().values().forEach(Hybench::showDefaults);
    }
}
