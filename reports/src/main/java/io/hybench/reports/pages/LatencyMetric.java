package io.hybench.reports.pages;

/** The latency metrics of docs/metrics.md that reports show percentiles of. */
public enum LatencyMetric {
    TTFT("TTFT", "time to first token"),
    ITL("ITL", "inter-token latency"),
    TPOT("TPOT", "time per output token"),
    E2E("E2E", "end-to-end latency");

    private final String label;
    private final String description;

    LatencyMetric(String label, String description) {
        this.label = label;
        this.description = description;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }
}
