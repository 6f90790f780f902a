package io.hybench.cli.progress;

import io.hybench.bench.load.RunListener;
import io.hybench.bench.load.StepPlan;
import io.hybench.bench.load.Workload;
import io.hybench.bench.metrics.SecondSample;
import io.hybench.bench.metrics.StepSummary;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.util.Locale;

/** A console progress bar per step, with live output tokens/s and P99 end-to-end latency. */
public final class ProgressBarListener implements RunListener, AutoCloseable {
    private final String loadUnit;
    private ProgressBar bar;

    private ProgressBarListener(String loadUnit) {
        this.loadUnit = loadUnit;
    }

    /** A listener naming load levels as the workload's mode does: users or rate. */
    public static ProgressBarListener forWorkload(Workload w) {
        return new ProgressBarListener(w.shape().load().levelName());
    }

    @Override
    public synchronized void stepStarted(StepPlan step, long total, String unit) {
        close();
        String task = String.format(Locale.ROOT, "%s %s=%s", step.target().name(), loadUnit, level(step.load()));
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUnit(" " + unit, 1)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).build();
    }

    @Override
    public synchronized void progress(StepPlan step, SecondSample sample, StepProgress p) {
        if (bar == null) return;
        bar.stepTo(Math.min(p.done(), bar.getMax()));
        bar.setExtraMessage(String.format(Locale.ROOT, "%s%.0f tok/s  P99 E2E %s  in flight %d",
                sample.warmup() ? "warm-up  " : "", p.outputTokensPerSecond(),
                Double.isNaN(p.e2eP99Ms()) ? "-" : String.format(Locale.ROOT, "%.0f ms", p.e2eP99Ms()), sample.inFlight()));
    }

    @Override
    public synchronized void stepFinished(StepPlan step, StepSummary summary) {
        if (bar != null) bar.stepTo(bar.getMax());
        close();
    }

    @Override
    public synchronized void close() {
        if (bar != null) bar.close();
        bar = null;
    }

    private static String level(double load) {
        return load == Math.rint(load) ? Long.toString((long) load) : Double.toString(load);
    }

}
