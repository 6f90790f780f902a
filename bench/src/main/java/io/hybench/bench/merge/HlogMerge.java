package io.hybench.bench.merge;

import io.hybench.bench.metrics.IntervalLog;
import io.hybench.bench.metrics.IntervalLogReader;
import io.hybench.bench.metrics.Metric;
import io.hybench.bench.metrics.RecordedBuckets;
import io.hybench.bench.metrics.StepRecorders;
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
        // each shard's intervals as their recorded buckets: decoded ones are ~100 KB of mostly empty counts each
        List<List<List<Interval>>> byShard = new ArrayList<>();
        for (Path p : shardLogs) {
            List<List<Interval>> perMetric = new ArrayList<>();
            for (Metric m : Metric.values()) perMetric.add(new ArrayList<>());
            IntervalLogReader.read(p, h -> {
                for (Metric m : Metric.values()) {
                    if (m.tag().equals(h.getTag())) perMetric.get(m.ordinal()).add(new Interval(h.getStartTimeStamp(), h.getEndTimeStamp(), RecordedBuckets.of(h)));
                }
            });
            byShard.add(perMetric);
        }
        int n = byShard.stream().flatMap(List::stream).mapToInt(List::size).max().orElse(0);
        long start = byShard.stream().flatMap(List::stream).filter(l -> !l.isEmpty()).mapToLong(l -> l.getFirst().startMs())
                .min().orElse(0);
        try (IntervalLog log = new IntervalLog(out, start, comment)) {
            for (int i = 0; i < n; i++) {
                for (Metric m : Metric.values()) {
                    Histogram sum = StepRecorders.newHistogram();
                    boolean stamped = false;
                    for (List<List<Interval>> shard : byShard) {
                        List<Interval> intervals = shard.get(m.ordinal());
                        if (i >= intervals.size()) continue;
                        Interval interval = intervals.get(i);
                        if (!stamped) {
                            sum.setStartTimeStamp(interval.startMs());
                            sum.setEndTimeStamp(interval.endMs());
                            stamped = true;
                        }
                        interval.buckets().addTo(sum);
                    }
                    sum.setTag(m.tag());
                    log.accept(m, sum);
                }
            }
        }
    }

    /** One shard's interval of one metric: its timestamps (epoch ms) and counts. */
    private record Interval(long startMs, long endMs, RecordedBuckets buckets) {
    }
}
