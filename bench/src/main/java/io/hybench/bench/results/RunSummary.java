package io.hybench.bench.results;

import io.hybench.bench.metrics.LevelSummary;
import io.hybench.bench.metrics.StepSummaries;
import io.hybench.bench.metrics.StepSummary;
import io.hybench.bench.metrics.SweepAnalysis;

import java.util.List;
import java.util.Set;

/**
 * {@code summary.json}: every step's numbers and the collapse analysis per target.
 *
 * @param formatVersion {@link #FORMAT_VERSION} when written; {@link ResultReader} reads {@link #READABLE_VERSIONS} and refuses any other
 * @param run           which run this is
 * @param steps         step summaries in the order they ran
 * @param levels        per target and load level, the repetitions combined (what the analysis uses)
 * @param sweeps        one collapse analysis per target
 * @param sharding      null for a run on one machine; for a shard or a merge of shards, which shards
 */
public record RunSummary(int formatVersion, Run run, List<StepSummary> steps, List<LevelSummary> levels, List<SweepAnalysis> sweeps,
                         Sharding sharding) {
    /**
     * 5: every step's self-check carries its TTFT's and E2E's own timing uncertainty ({@code ttftTimingUncertaintyMs},
     * {@code e2eTimingUncertaintyMs}) and judges by them; 4: every step's and level's {@code requestTimingUncertaintyMs}; 3: every step's chosen percentiles ({@code chosenPercentilesMs}); 2: nested step summaries (hybench 0.2); 0.1.0 wrote
     * no version (read as 1).
     */
    public static final int FORMAT_VERSION = 5;
    /**
     * Formats read back: 2 reads with {@code chosenPercentilesMs} null (reports then read them off the .hlog files), 2 and 3
     * with {@code requestTimingUncertaintyMs} null (reports say "not measured"), 2 to 4 with the self-check's TTFT and E2E
     * timing uncertainty null.
     */
    public static final Set<Integer> READABLE_VERSIONS = Set.of(2, 3, 4, FORMAT_VERSION);

    public RunSummary {
        steps = List.copyOf(steps);
        levels = List.copyOf(levels);
        sweeps = List.copyOf(sweeps);
    }

    /** A summary in today's format. */
    public static RunSummary of(Run run, List<StepSummary> steps, StepSummaries.Sweeps sweeps, Sharding sharding) {
        return new RunSummary(FORMAT_VERSION, run, steps, sweeps.levels(), sweeps.analyses(), sharding);
    }

    /**
     * @param runId     folder name of the run
     * @param workload  workload name
     * @param status    {@link Status#COMPLETE}, or {@link Status#PARTIAL} when interrupted (Ctrl-C)
     * @param startedAt ISO-8601 UTC start time
     * @param endedAt   ISO-8601 UTC time the summary was written
     * @param seed      the run's seed
     */
    public record Run(String runId, String workload, Status status, String startedAt, String endedAt, long seed) {
    }

    public enum Status { COMPLETE, PARTIAL }
}
