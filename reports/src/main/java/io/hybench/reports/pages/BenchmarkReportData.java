package io.hybench.reports.pages;

import io.hybench.reports.html.Fact;
import io.hybench.reports.html.Provenance;

import java.util.List;
import java.util.Objects;

/**
 * What a benchmark report shows, read from one result folder.
 *
 * @param runId       the result folder's run id
 * @param provenance  version, environment, emulation, reproduce command
 * @param workload    the resolved workload's main settings (prompt source, mode, SLOs, duration)
 * @param loadAxis    what the sweep varies, with its unit ("concurrent users", "arrival rate (req/s)")
 * @param geometricLoad true when the sweep's loads grow by factors (1, 2, 4 ...): load axes are then logarithmic
 * @param targets     one result per target, same workload
 */
public record BenchmarkReportData(String runId, Provenance provenance, List<Fact> workload, String loadAxis, boolean geometricLoad,
                                  List<TargetResult> targets) {
    public BenchmarkReportData {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(loadAxis, "loadAxis");
        workload = List.copyOf(workload);
        targets = List.copyOf(targets);
        if (targets.isEmpty()) throw new IllegalArgumentException("run '" + runId + "' has no targets");
    }
}
