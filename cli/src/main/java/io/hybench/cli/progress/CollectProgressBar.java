package io.hybench.cli.progress;

import io.hybench.calibrate.collect.run.CollectListener;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.time.Duration;

/** {@code hybench collect}'s progress bar: rows written of the run's total, with each side's accuracy so far. */
public final class CollectProgressBar implements CollectListener {
    private final PrintStream out;
    private ProgressBar bar;

    /** @param out where the bar is drawn (stderr on the console) */
    public CollectProgressBar(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void started(int total, int resumed) {
        bar = new ProgressBarBuilder().setTaskName("collect").setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(out)).startsFrom(resumed, Duration.ZERO)
                .setUpdateIntervalMillis(500).build();
    }

    @Override
    public synchronized void rowWritten(String accuracy) {
        bar.setExtraMessage(accuracy);
        bar.step();
    }

    @Override
    public synchronized void finished() {
        if (bar != null) bar.close();
    }
}
