package io.hybench.reports.sources;

import java.time.Instant;
import java.util.Objects;

/**
 * What a report knows about its own making, beside the result folders.
 *
 * @param reportVersion the hybench version writing the report (the folders name the version that measured)
 * @param reportCommand the command line writing the report; a comparison page gives it as its reproduce command
 * @param generatedAt   when the report is written
 */
public record ReportContext(String reportVersion, String reportCommand, Instant generatedAt) {
    public ReportContext {
        Objects.requireNonNull(reportVersion, "reportVersion");
        Objects.requireNonNull(reportCommand, "reportCommand");
        Objects.requireNonNull(generatedAt, "generatedAt");
    }
}
