package io.hybench.calibrate.hybrid;

import io.hybench.bench.load.ClientFactory;
import io.hybench.bench.load.LoadRunner;
import io.hybench.bench.load.LoadSpec;
import io.hybench.bench.load.PromptSpec;
import io.hybench.bench.load.RequestOptions;
import io.hybench.bench.load.RunLimits;
import io.hybench.bench.load.RunListener;
import io.hybench.bench.load.Workload;
import io.hybench.bench.metrics.Slo;
import io.hybench.bench.results.EnvInfo;
import io.hybench.calibrate.collect.prompts.PromptSet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One hybrid run: the question set as a prompt file ({@code <out>/prompts.jsonl}), one bench sweep over the
 * routed target, the local part and the cloud part ({@code <out>/bench/}, every figure bench computes for
 * any target, self-checks included), then the analysis into the same folder.
 */
public final class HybridRun {
    /** The bench run's folder name under the hybrid folder. */
    public static final String BENCH = "bench";
    public static final String PROMPTS = "prompts.jsonl";

    private HybridRun() {
    }

    /**
     * @param maxTokens output cap of every answer (collect's {@code max-tokens})
     * @param load      users (closed loop) or rates (open loop), each a step for each target
     */
    public record Plan(String name, int maxTokens, LoadSpec load, RunLimits limits, Slo slo) {
    }

    public record Result(LoadRunner.Result bench, HybridSummary summary) {
    }

    /** Runs the sweep and the analysis; {@code out} must not exist yet or be empty. */
    public static Result run(Plan plan, HybridAnalysis.Inputs in, Path out, ClientFactory clients, RunListener listener, EnvInfo env)
            throws IOException, InterruptedException {
        Files.createDirectories(out);
        Path prompts = out.resolve(PROMPTS);
        QuestionPrompts.write(in.questions(), PromptSet.V1, plan.maxTokens(), prompts);
        Workload w = new Workload(plan.name(), in.seed(), in.targets().all(),
                new Workload.Traffic(new RequestOptions(true, false, 0.0), new PromptSpec.File(prompts.toAbsolutePath(), PromptSpec.PromptFileFormat.JSONL, null)),
                new Workload.Shape(plan.load(), plan.limits()), Workload.Checks.of(plan.slo(), in.confidence()));
        LoadRunner.Result bench = new LoadRunner(w, clients, listener).run(out, BENCH, env);
        return new Result(bench, HybridAnalysis.analyze(bench.folder().dir(), in));
    }
}
