package io.hybench.bench.merge;

import io.hybench.bench.metrics.StepSummary;
import io.hybench.bench.results.RequestLine;
import io.hybench.bench.results.ResultReader;
import io.hybench.bench.results.RunSummary;
import io.hybench.bench.results.Sharding;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** One shard's result folder, read for merging. */
record ShardFolder(Path dir, ResultReader.LoadedRun run, Sharding sharding, Map<Integer, List<RequestLine>> linesByStep) {

    RunSummary summary() {
        return run.summary();
    }

    Sharding.Shard self() {
        return sharding.shards().getFirst();
    }

    StepSummary step(int index) {
        return summary().steps().stream().filter(s -> s.step().index() == index).findFirst().orElseThrow();
    }

    List<RequestLine> lines(int step) {
        return linesByStep.getOrDefault(step, List.of());
    }

    static ShardFolder read(Path dir) {
        ResultReader.LoadedRun run = ResultReader.load(dir);
        if (run.summary() == null) throw new IllegalArgumentException(dir + ": no summary.json; the shard stopped before its first step ended");
        Sharding s = run.summary().sharding();
        if (s == null) throw new IllegalArgumentException(dir + ": not a shard's folder (summary.json has no sharding; run with --shard I/N)");
        if (s.shards().size() != 1) throw new IllegalArgumentException(dir + ": already a merge of " + s.shards().size() + " shards");
        return new ShardFolder(dir, run, s, ShardMerge.byStep(dir));
    }

    /**
     * Reads the folders and checks they are all the shards of one plan, each once, with the same steps; returns
     * them by shard index, whatever the order given.
     */
    static List<ShardFolder> checkedSet(List<Path> dirs) {
        if (dirs.isEmpty()) throw new IllegalArgumentException("no shard folders given");
        List<ShardFolder> shards = new ArrayList<>();
        for (Path d : dirs) shards.add(read(d));
        ShardFolder first = shards.getFirst();
        for (ShardFolder s : shards) {
            if (!s.sharding().planHash().equals(first.sharding().planHash())) {
                throw new IllegalArgumentException(s.dir() + ": plan " + s.sharding().planHash() + " differs from " + first.dir() + "'s "
                        + first.sharding().planHash() + "; shards of one run share their resolved workload");
            }
            if (s.sharding().count() != first.sharding().count()) {
                throw new IllegalArgumentException(s.dir() + ": one of " + s.sharding().count() + " shards, but " + first.dir() + " is one of "
                        + first.sharding().count());
            }
        }
        shards.sort(Comparator.comparingInt(s -> s.self().index()));
        for (int i = 1; i < shards.size(); i++) {
            if (shards.get(i).self().index() == shards.get(i - 1).self().index()) {
                throw new IllegalArgumentException("shard " + shards.get(i).self().index() + " given twice: " + shards.get(i - 1).dir() + " and "
                        + shards.get(i).dir());
            }
        }
        TreeSet<Integer> missing = new TreeSet<>();
        for (int i = 0; i < first.sharding().count(); i++) missing.add(i);
        shards.forEach(s -> missing.remove(s.self().index()));
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("shard" + (missing.size() > 1 ? "s " : " ") + missing.stream().map(String::valueOf)
                    .collect(Collectors.joining(", ")) + " of " + first.sharding().count() + " missing; merge needs every shard of the plan");
        }
        List<Integer> steps = stepIndices(shards.getFirst());
        for (ShardFolder s : shards) {
            if (!stepIndices(s).equals(steps)) {
                throw new IllegalArgumentException(s.dir() + ": steps " + stepIndices(s) + ", but " + shards.getFirst().dir() + " has " + steps
                        + "; an interrupted shard cannot be merged");
            }
        }
        return shards;
    }

    private static List<Integer> stepIndices(ShardFolder s) {
        return s.summary().steps().stream().map(st -> st.step().index()).toList();
    }
}
