package io.hybench.reports.pages;

import java.util.Objects;

/**
 * A per-second series of one quantity over a run.
 *
 * @param quantity what is measured, with its unit ("output tokens/s", "in-flight requests", "KV-cache use (%)")
 * @param seconds  seconds since the run's start
 * @param values   the value in each second; NaN where not sampled
 */
public record TimeSeries(String quantity, double[] seconds, double[] values) {
    public TimeSeries {
        Objects.requireNonNull(quantity, "quantity");
        if (seconds.length != values.length) throw new IllegalArgumentException("time series '" + quantity + "': lengths differ");
        seconds = seconds.clone();
        values = values.clone();
    }

    @Override
    public double[] seconds() {
        return seconds.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }
}
