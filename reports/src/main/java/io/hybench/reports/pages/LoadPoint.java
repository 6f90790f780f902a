package io.hybench.reports.pages;

import java.util.Objects;

/**
 * A load level the collapse analysis found (docs/metrics.md defines each).
 *
 * @param load   concurrency or rate, in the sweep's load unit
 * @param reason why it is this point, e.g. "P99 TTFT 8.1x the previous step"
 */
public record LoadPoint(double load, String reason) {
    public LoadPoint {
        Objects.requireNonNull(reason, "reason");
    }
}
