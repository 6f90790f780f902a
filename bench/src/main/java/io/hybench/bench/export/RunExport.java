package io.hybench.bench.export;

import io.hybench.bench.load.WorkloadYaml;
import io.hybench.bench.metrics.ChosenPercentiles;
import io.hybench.bench.metrics.StepSummary;
import io.hybench.bench.results.RequestLine;
import io.hybench.bench.results.ResultReader;
import io.hybench.bench.results.RunFolder;
import io.hybench.core.mapper.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Exports a bench result folder for other tools (docs/results.md, "Exports"): {@code requests.csv},
 * {@code summary.csv} with the chosen percentiles, and one llm-d benchmark report per step under {@code llm-d/}.
 */
public final class RunExport {
    private RunExport() {
    }

    /**
     * Writes the exports of {@code runDir} into {@code outDir} (created); returns the files written.
     *
     * @param chosen the percentiles to report, or null for those the run's workload chose ({@code percentiles})
     */
    public static List<Path> write(Path runDir, ChosenPercentiles chosen, Path outDir) {
        ResultReader.LoadedRun run = ResultReader.load(runDir);
        ChosenPercentiles percentiles = chosen != null ? chosen
                : WorkloadYaml.recorded(run.workloadYaml(), runDir.resolve(RunFolder.WORKLOAD).toString(), runDir).checks().percentiles();
        List<RequestLine> lines = ResultReader.requests(runDir);
        List<StepDistributions> steps = run.summary().steps().stream().map(s -> StepDistributions.read(runDir, s)).toList();
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(outDir.resolve("llm-d"));
            Path requests = outDir.resolve("requests.csv");
            RequestsCsv.write(lines, requests);
            written.add(requests);
            Path summary = outDir.resolve("summary.csv");
            SummaryCsv.write(steps, percentiles, summary);
            written.add(summary);
            for (StepDistributions d : steps) {
                StepSummary s = d.step();
                List<RequestLine> stepLines = lines.stream().filter(l -> l.step() == s.step().index()).toList();
                Path file = outDir.resolve("llm-d").resolve(String.format(Locale.ROOT, "step-%02d-%s.json", s.step().index(), s.step().target()));
                Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), LlmdReport.of(run.summary().run(), d, stepLines, percentiles));
                written.add(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write exports to " + outDir, e);
        }
        return written;
    }
}
