package io.hybench.reports.pages;

import io.hybench.reports.hdr.PercentileSpectrum;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one target produced in a run.
 *
 * @param target        the target's name as the workload names it
 * @param steps         sweep steps in increasing load
 * @param loadPoints    the collapse analysis
 * @param distributions whole-run latency distributions, from the merged histograms
 * @param timeSeries    per-second series (throughput, in-flight, tail latency, errors, server queue ...)
 * @param chosen        the workload's chosen percentiles per step
 * @param sessionTurns  per step and turn of a multi-turn run ({@code sessions.json}), in step and turn order; empty otherwise
 */
public record TargetResult(String target, List<SweepStep> steps, LoadPoints loadPoints,
                           Map<LatencyMetric, PercentileSpectrum> distributions, List<TimeSeries> timeSeries, ChosenPercentileRows chosen,
                           List<SessionTurnRow> sessionTurns) {
    public TargetResult {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(loadPoints, "loadPoints");
        steps = List.copyOf(steps);
        distributions = Map.copyOf(distributions);
        timeSeries = List.copyOf(timeSeries);
        if (steps.isEmpty()) throw new IllegalArgumentException("target '" + target + "' has no sweep steps");
        Objects.requireNonNull(chosen, "chosen");
        sessionTurns = sessionTurns == null ? List.of() : List.copyOf(sessionTurns);
    }

    /** Without chosen percentiles. */
    public TargetResult(String target, List<SweepStep> steps, LoadPoints loadPoints, Map<LatencyMetric, PercentileSpectrum> distributions,
                        List<TimeSeries> timeSeries) {
        this(target, steps, loadPoints, distributions, timeSeries, ChosenPercentileRows.none(), null);
    }
}
