package io.hybench.cli;

import io.hybench.bench.merge.ShardMerge;
import io.hybench.bench.results.Sharding;
import io.hybench.bench.results.SweepTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code hybench merge}: the result folders of the shards of one plan into one run's folder, with its report. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Merge the result folders of the shards of one sharded run (hybench bench --shard I/N) into one folder:",
                "interval histograms added, request records joined, every figure recomputed as for one machine (docs/distributed.md)."})
public final class MergeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "SHARD_DIR", description = "One result folder per shard, any order.")
    List<Path> shards;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The merged folder (must not exist).")
    Path out;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ShardMerge.Result result;
        try {
            result = ShardMerge.merge(shards, out);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            if (Failures.internal(e)) throw e; // a bug of ours, not the user's input: exit 1, a stack trace with --verbose
            err.println("hybench merge: " + Failures.message(e));
            return 2;
        }
        PrintWriter o = spec.commandLine().getOut();
        o.print(SweepTable.render(result.summary()));
        Sharding s = result.summary().sharding();
        o.printf(Locale.ROOT, "%d shards of plan %s, shared start %s:%n", s.count(), s.planHash(), s.startAt());
        for (Sharding.Shard sh : s.shards()) {
            o.printf(Locale.ROOT, "  shard %d  %s  %s  start skew %.1f ms  clock offset %s%n", sh.index(), sh.runId(),
                    sh.trusted() ? "trusted" : "NOT trusted", sh.startSkewMs(),
                    Double.isNaN(sh.clockOffsetMs()) ? "not measured" : String.format(Locale.ROOT, "%.1f ms", sh.clockOffsetMs()));
        }
        o.println("results: " + result.folder().dir());
        CommandLines.record(spec, result.folder().dir());
        boolean reported = CommandLines.writeReport(result.folder().dir(), o, err);
        o.flush();
        return reported ? 0 : 1;
    }
}
