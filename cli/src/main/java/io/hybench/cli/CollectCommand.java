package io.hybench.cli;

import io.hybench.calibrate.collect.prompts.PromptSet;
import io.hybench.calibrate.collect.questions.Question;
import io.hybench.calibrate.collect.questions.QuestionLoader;
import io.hybench.calibrate.collect.questions.QuestionMapping;
import io.hybench.calibrate.collect.run.CollectRequest;
import io.hybench.calibrate.collect.run.CollectSummary;
import io.hybench.calibrate.collect.run.CollectTarget;
import io.hybench.calibrate.collect.run.Collector;
import io.hybench.calibrate.collect.run.Pacer;
import io.hybench.calibrate.collect.run.RetryPolicy;
import io.hybench.calibrate.collect.run.TargetSpec;
import io.hybench.calibrate.cost.PriceFile;
import io.hybench.cli.progress.CollectProgressBar;
import io.hybench.cli.progress.Terminals;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code hybench collect}: ask local and cloud targets a question set and write labeled rows for calibrate (docs/collect.md). */
@Command(name = "collect", mixinStandardHelpOptions = true, versionProvider = ProjectVersion.class,
        description = {"Ask a local and cloud targets every question, grade the answers, record confidence signals, tokens, cost "
                + "and latency, and write labeled JSONL with a mapping for 'hybench calibrate'. Resumable: rerun to finish.",
                "Exit code 0 when every question is answered, 1 when some failed (rerun to retry them), 2 for bad options."})
public final class CollectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--questions", required = true, arity = "1..*", description = "question files (CSV/JSONL) or directories")
    List<Path> questions;
    @Option(names = "--mapping", required = true, description = "question mapping YAML (docs/collect.md)")
    Path mapping;
    @Option(names = "--local", required = true, paramLabel = "SPEC", description = "local target, e.g. api=ollama,url=http://127.0.0.1:11434,model=llama3.2:3b")
    String local;
    @Option(names = "--cloud", paramLabel = "SPEC", description = "cloud target (repeatable), e.g. api=openai,url=https://api.openai.com,model=gpt-4o-mini,key-env=OPENAI_API_KEY,flavor=openai")
    List<String> clouds = new ArrayList<>();
    @Option(names = "--judge", paramLabel = "SPEC", description = "grade free-text answers with this target instead of exact/regex matching")
    String judge;
    @Mixin
    GradingOptions grading;
    @Option(names = "--prices", description = "dated price file (docs/prices.example.yaml) for per-row and total costs")
    Path prices;
    @Option(names = "--limit", description = "ask only the first N questions of the set")
    Integer limit;
    @Option(names = "--no-progress", description = "do not draw the progress bar")
    boolean noProgress;
    @Option(names = "--out", required = true, description = "output JSONL; mapping, summary and provenance files are written beside it")
    Path out;

    @Override
    public Integer call() throws Exception {
        CollectRequest request;
        try {
            List<Question> qs = QuestionLoader.load(questions, QuestionMapping.read(mapping));
            if (limit != null) qs = qs.subList(0, Math.min(limit, qs.size()));
            List<CollectTarget> cloudTargets = new ArrayList<>();
            for (int i = 0; i < clouds.size(); i++) cloudTargets.add(TargetSpec.parse(clouds.get(i), i == 0 ? "cloud" : "cloud" + (i + 1)));
            request = new CollectRequest(qs, questions, TargetSpec.parse(local, "local"), cloudTargets, PromptSet.V1,
                    new CollectRequest.GradingSettings(grading.tolerance(), grading.textMatch, judge == null ? null : TargetSpec.parse(judge, "judge")),
                    prices == null ? null : PriceFile.read(prices), out);
        } catch (IllegalArgumentException e) {
            if (Failures.internal(e)) throw e; // a bug of ours, not the user's input: exit 1, a stack trace with --verbose
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        CollectSummary summary = new Collector(Collector.Clients.FROM_ENVIRONMENT, Pacer.SYSTEM, RetryPolicy.DEFAULT,
                Terminals.drawProgress(noProgress) ? new CollectProgressBar(System.err) : null).run(request);
        var w = spec.commandLine().getOut();
        w.print(summary.table());
        w.flush();
        return summary.failedCount() == 0 ? 0 : 1;
    }
}
