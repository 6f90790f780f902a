package io.hybench.bench.results;

import io.hybench.bench.metrics.LevelSummary;
import io.hybench.bench.metrics.StepSummary;
import io.hybench.bench.metrics.SweepAnalysis;

import java.util.List;

/**
 * {@code summary.json}: every step's numbers and the collapse analysis per target.
 *
 * @param runId     folder name of the run
 * @param workload  workload name
 * @param status    {@link Status#COMPLETE}, or {@link Status#PARTIAL} when interrupted (Ctrl-C)
 * @param startedAt ISO-8601 UTC start time
 * @param endedAt   ISO-8601 UTC time the summary was written
 * @param seed      the run's seed
 * @param steps     step summaries in the order they ran
 * @param levels    per target and load level, the repetitions combined (what the analysis uses)
 * @param sweeps    one collapse analysis per target
 */
public record RunSummary(String runId, String workload, Status status, String startedAt, String endedAt, long seed,
                         List<StepSummary> steps, List<LevelSummary> levels, List<SweepAnalysis> sweeps) {
    public RunSummary {
        steps = List.copyOf(steps);
        levels = List.copyOf(levels);
        sweeps = List.copyOf(sweeps);
    }

    public enum Status { COMPLETE, PARTIAL }
}
