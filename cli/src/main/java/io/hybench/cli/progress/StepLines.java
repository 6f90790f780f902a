package io.hybench.cli.progress;

import io.hybench.bench.load.RunListener;
import io.hybench.bench.load.StepPlan;
import io.hybench.bench.metrics.Metric;
import io.hybench.bench.metrics.Percentiles;
import io.hybench.bench.metrics.StepSummary;

import java.io.PrintWriter;
import java.util.Locale;

/** One line per finished step saying what it measured: for runs whose console shows a table at the end, not a bar. */
public final class StepLines implements RunListener {
    private final PrintWriter out;

    public StepLines(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void stepFinished(StepPlan step, StepSummary s) {
        Percentiles ttft = s.latencyMs().get(Metric.TTFT);
        out.printf(Locale.ROOT, "  step %2d %-34s load %-5s %5d requests %6.2f req/s  TTFT P50 %7.1f ms%s%n", step.index(), step.target().name(),
                step.load(), s.counts().requests(), s.rates().requestsPerSecond(), ttft == null ? Double.NaN : ttft.p50Ms(),
                s.selfCheck().trusted() ? "" : "  (untrusted: see the report)");
        out.flush();
    }
}
