package io.hybench.reports.pages;

import io.hybench.reports.html.Provenance;

import java.util.Objects;

/**
 * Two runs of the same workload to compare, e.g. before and after a server upgrade.
 *
 * @param provenance     of the comparison itself (the report command)
 * @param baselineLabel  e.g. "before: vLLM 0.10"
 * @param baseline       the reference run
 * @param candidateLabel e.g. "after: vLLM 0.11"
 * @param candidate      the run compared against it
 */
public record ComparisonReportData(Provenance provenance, String baselineLabel, BenchmarkReportData baseline,
                                   String candidateLabel, BenchmarkReportData candidate) {
    public ComparisonReportData {
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(baselineLabel, "baselineLabel");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(candidateLabel, "candidateLabel");
        Objects.requireNonNull(candidate, "candidate");
        if (baselineLabel.equals(candidateLabel)) throw new IllegalArgumentException("both runs are labelled '" + baselineLabel + "'");
    }
}
