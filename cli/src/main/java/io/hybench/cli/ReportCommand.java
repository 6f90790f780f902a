package io.hybench.cli;

import io.hybench.reports.sources.ReportContext;
import io.hybench.reports.sources.Reports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code hybench report}: one self-contained HTML page from result folders (docs/reports.md). */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write an HTML report from hybench output folders: a bench result folder, a calibrate output folder, "
                + "or several bench folders compared (the first is the baseline; changes are judged against the runs' own noise)."})
public final class ReportCommand implements Callable<Integer> {
    static final String FILE_NAME = "report.html";

    @Spec
    CommandSpec spec;

    @Option(names = "--in", required = true, arity = "1..*", paramLabel = "DIR", description = "Output folders of hybench bench or calibrate.")
    List<Path> in;

    @Option(names = "--out", paramLabel = "FILE", description = "HTML file to write (default with one folder: DIR/" + FILE_NAME + ").")
    Path out;

    @Option(names = "--label", split = ",", paramLabel = "NAME", description = "Names of the compared runs, one per folder (default: run ids).")
    List<String> labels = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (out == null && in.size() > 1) {
            err.println("hybench report: --out FILE is required when several folders are compared");
            return 2;
        }
        Path file = out != null ? out : in.getFirst().resolve(FILE_NAME);
        try {
            Reports.write(in, labels, new ReportContext(ProjectVersion.get(), CommandLines.asRun(spec), Instant.now()), file);
        } catch (IllegalArgumentException e) {
            if (Failures.internal(e)) throw e; // a bug (e.g. a chart formatting NaN): exit 1, a stack trace with --verbose
            err.println("hybench report: " + Failures.message(e));
            return 2;
        } catch (UncheckedIOException e) {
            err.println("hybench report: " + Failures.message(e));
            return 1;
        }
        spec.commandLine().getOut().println("report: " + file);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
