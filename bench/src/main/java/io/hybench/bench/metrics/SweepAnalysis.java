package io.hybench.bench.metrics;

import java.util.List;

/**
 * Concurrency-collapse analysis of one target's sweep (definitions in docs/metrics.md). A null load
 * means "not found within the sweep", which the sweep table prints as such.
 *
 * @param target                 target name
 * @param saturationLoad         lowest load reaching the saturation fraction of peak throughput,
 *                               null when throughput still grew at the last step
 * @param slosGiven              whether the workload set any SLO limit
 * @param largestLoadMeetingSlos largest load such that it and every lower load met the SLOs; null when
 *                               none did or no SLO was given
 * @param collapseLoad           lowest load where tail latency exploded, throughput fell or errors rose
 * @param collapseReasons        which of the three happened at {@code collapseLoad}
 */
public record SweepAnalysis(String target, Double saturationLoad, boolean slosGiven, Double largestLoadMeetingSlos, Double collapseLoad,
                            List<String> collapseReasons) {
    public SweepAnalysis {
        collapseReasons = List.copyOf(collapseReasons);
    }
}
