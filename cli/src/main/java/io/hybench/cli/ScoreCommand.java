package io.hybench.cli;

import io.hybench.tools.score.TruthScore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code hybench score}: a result folder's timing against the emulator's truth file (docs/metrics.md). */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Score a bench run against the truth file of the emulator it ran against (hybench emulate --truth):",
                "per step, the error of every token's arrival stamp, of TTFT and of E2E, the emulator's own write lateness,",
                "and whether the step's self-check said its timing could be trusted. The two may be separate processes."})
public final class ScoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--truth", required = true, paramLabel = "FILE", description = "The emulator's truth file (hybench emulate --truth FILE).")
    Path truth;

    @Option(names = "--run", required = true, paramLabel = "DIR", description = "The result folder of hybench bench (results/<run-id>).")
    Path run;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        List<TruthScore.StepScore> steps;
        try {
            steps = TruthScore.score(truth, run);
        } catch (TruthScore.ScoreException | IllegalArgumentException | UncheckedIOException e) {
            if (Failures.internal(e)) throw e; // a bug of ours, not the user's input: exit 1, a stack trace with --verbose
            err.println("hybench score: " + Failures.message(e));
            err.flush();
            return 2;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(TruthScore.table(steps));
        out.flush();
        return 0;
    }
}
