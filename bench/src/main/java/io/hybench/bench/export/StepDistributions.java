package io.hybench.bench.export;

import io.hybench.bench.metrics.Metric;
import io.hybench.bench.metrics.StepSummary;
import io.hybench.bench.results.ResultReader;
import org.HdrHistogram.Histogram;

import java.nio.file.Path;
import java.util.Map;

/**
 * A step's whole latency distributions, its .hlog intervals added up (the same histograms summary.json's
 * percentiles come from), from which exports read any percentile.
 */
record StepDistributions(StepSummary step, Map<Metric, Histogram> byMetric) {
    /** The metrics exports report, in column order. */
    static final Metric[] EXPORTED = {Metric.TTFT, Metric.TPOT, Metric.ITL, Metric.E2E, Metric.SEND_LAG};

    static StepDistributions read(Path runDir, StepSummary step) {
        return new StepDistributions(step, ResultReader.histogramTotals(runDir.resolve(step.context().hlog())));
    }

    Histogram of(Metric m) {
        return byMetric.get(m);
    }
}
