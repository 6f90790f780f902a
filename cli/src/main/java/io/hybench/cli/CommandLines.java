package io.hybench.cli;

import io.hybench.bench.results.CommandFile;
import io.hybench.reports.sources.ReportContext;
import io.hybench.reports.sources.Reports;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** What commands share about their own command line: recording it, and writing a folder's report at the end of a run. */
final class CommandLines {
    private CommandLines() {
    }

    /** The command as typed, e.g. {@code hybench bench --workload w.yaml}, quoted for a POSIX shell. */
    static String asRun(CommandSpec spec) {
        return CommandFile.join(spec.qualifiedName(), ownArgs(spec));
    }

    /** Writes command.txt into the output folder. */
    static void record(CommandSpec spec, Path dir) {
        CommandFile.write(dir, spec.qualifiedName(), ownArgs(spec));
    }

    /**
     * The command's own arguments: from the command line it was run from ({@code hybench cost ...}),
     * or, when another command ran it (the demo runs cost), the arguments it was given.
     */
    private static List<String> ownArgs(CommandSpec spec) {
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        return !args.isEmpty() && args.getFirst().equals(spec.name()) ? args.subList(1, args.size()) : args;
    }

    /**
     * Writes {@code dir/report.html}; on failure says so, keeping the folder's results, and returns false.
     */
    static boolean writeReport(Path dir, PrintWriter out, PrintWriter err) {
        Path file = dir.resolve(ReportCommand.FILE_NAME);
        String rebuild = CommandFile.join("hybench", List.of("report", "--in", dir.toString()));
        try {
            Reports.write(List.of(dir), List.of(), new ReportContext(ProjectVersion.get(), rebuild, Instant.now()), file);
            out.println("report: " + file);
            return true;
        } catch (RuntimeException e) {
            err.println("hybench: the results in " + dir + " are complete, but the report could not be written: " + e.getMessage()
                    + " (retry with: " + rebuild + ")");
            return false;
        }
    }
}
