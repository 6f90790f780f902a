package io.hybench.bench.merge;

import io.hybench.bench.metrics.IntervalLog;
import io.hybench.bench.metrics.Metric;
import io.hybench.bench.metrics.StepRecorders;
import io.hybench.bench.results.ResultReader;
import org.HdrHistogram.Histogram;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds the interval logs of the shards of one step: interval i of the merged log is the sum of every shard's
 * interval i, per tag (each shard ticks once a second from its step's start, so interval i covers the same
 * second of the step on every shard). Timestamps are the first shard's.
 */
final class HlogMerge {
    private HlogMerge() {
    }

    static void write(List<Path> shardLogs, Path out, String comment) {
        List<List<List<Histogram>>> byShard = new ArrayList<>();
        for (Path p : shardLogs) {
            List<List<Histogram>> perMetric = new ArrayList<>();
            for (Metric m : Metric.values()) perMetric.add(ResultReader.intervals(p, m));
            byShard.add(perMetric);
        }
        int n = byShard.stream().flatMap(List::stream).mapToInt(List::size).max().orElse(0);
        long start = byShard.stream().flatMap(List::stream).filter(l -> !l.isEmpty()).mapToLong(l -> l.getFirst().getStartTimeStamp())
                .min().orElse(0);
        try (IntervalLog log = new IntervalLog(out, start, comment)) {
            for (int i = 0; i < n; i++) {
                for (Metric m : Metric.values()) {
                    Histogram sum = StepRecorders.newHistogram();
                    boolean stamped = false;
                    for (List<List<Histogram>> shard : byShard) {
                        List<Histogram> intervals = shard.get(m.ordinal());
                        if (i >= intervals.size()) continue;
                        Histogram h = intervals.get(i);
                        if (!stamped) {
                            sum.setStartTimeStamp(h.getStartTimeStamp());
                            sum.setEndTimeStamp(h.getEndTimeStamp());
                            stamped = true;
                        }
                        sum.add(h);
                    }
                    sum.setTag(m.tag());
                    log.accept(m, sum);
                }
            }
        }
    }
}
