package io.hybench.cli;

import io.hybench.bench.client.ClientOptions;
import io.hybench.bench.client.Target;
import io.hybench.bench.load.ClientFactory;
import io.hybench.bench.load.Distribution;
import io.hybench.bench.load.LoadSpec;
import io.hybench.bench.load.RunLimits;
import io.hybench.bench.metrics.Slo;
import io.hybench.bench.results.EnvInfo;
import io.hybench.calibrate.collect.grade.Grading;
import io.hybench.calibrate.collect.grade.TextGrader;
import io.hybench.calibrate.collect.questions.Question;
import io.hybench.calibrate.collect.questions.QuestionLoader;
import io.hybench.calibrate.collect.questions.QuestionMapping;
import io.hybench.calibrate.collect.run.TargetSpec;
import io.hybench.calibrate.cost.PriceFile;
import io.hybench.calibrate.data.ColumnMapping;
import io.hybench.calibrate.data.DatasetLoader;
import io.hybench.calibrate.export.CalibrationWriter;
import io.hybench.calibrate.hybrid.HybridAnalysis;
import io.hybench.calibrate.hybrid.HybridRun;
import io.hybench.calibrate.hybrid.HybridTable;
import io.hybench.calibrate.hybrid.HybridTargets;
import io.hybench.cli.progress.StepLines;
import io.hybench.core.stats.ConfidenceSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code hybench hybrid}: the routed system under load beside its parts, every answer graded (docs/results.md, "The hybrid folder"). */
@Command(name = "hybrid", mixinStandardHelpOptions = true,
        description = {"Send a question set's prompts under load to a routed endpoint (hybench route, or any OpenAI-compatible router) and, "
                + "in the same run, to its local and cloud parts alone; grade every answer; report accuracy, route mix, cost per 1k "
                + "queries and user-visible latency per load level, beside what the calibration predicts."})
public final class HybridCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--questions", required = true, split = ",", paramLabel = "FILE", description = "question set(s), as collect reads them")
    List<Path> questions;
    @Option(names = "--mapping", required = true, paramLabel = "FILE", description = "the question set's mapping YAML")
    Path mapping;
    @Option(names = "--limit", description = "ask only the first N questions of the set")
    Integer limit;
    @Option(names = "--routed", required = true, paramLabel = "SPEC", description = "the routed endpoint (collect's target syntax; name default 'routed')")
    String routed;
    @Option(names = "--local", required = true, paramLabel = "SPEC", description = "the local part alone (name default 'local')")
    String local;
    @Option(names = "--cloud", required = true, paramLabel = "SPEC", description = "the cloud part alone (name default 'cloud')")
    String cloud;
    @Option(names = "--users", split = ",", paramLabel = "N", description = "closed-loop levels (default 1,4,16 unless --rates)")
    List<Integer> users;
    @Option(names = "--rates", split = ",", paramLabel = "R", description = "open-loop levels in requests/s, Poisson arrivals")
    List<Double> rates;
    @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "1s", description = "warm-up per step, not measured, e.g. 1s")
    Duration warmup;
    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "10s", description = "measured time per step, e.g. 10s")
    Duration duration;
    @Option(names = "--max-tokens", defaultValue = "256", description = "output cap of every answer")
    int maxTokens;
    @Option(names = "--slo-ttft-ms", defaultValue = "2000", description = "TTFT limit of goodput")
    double sloTtftMs;
    @Option(names = "--prices", paramLabel = "FILE", description = "price file: legs in USD (else costs count cloud calls)")
    Path prices;
    @Option(names = "--dataset", paramLabel = "FILE", description = "collect's labeled rows, for the prediction (with --dataset-mapping and --spec)")
    Path dataset;
    @Option(names = "--dataset-mapping", paramLabel = "FILE", description = "their mapping (labeled.mapping.yaml)")
    Path datasetMapping;
    @Option(names = "--spec", paramLabel = "FILE", description = "the router-spec.json calibrate fitted on them")
    Path routerSpec;
    @Mixin
    GradingOptions grading;
    @Option(names = "--seed", defaultValue = "42", description = "seed for prompts, arrivals and intervals")
    long seed;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "new folder: prompts.jsonl and the run folder bench/")
    Path out;

    @Override
    public Integer call() throws Exception {
        HybridAnalysis.Inputs inputs;
        HybridRun.Plan plan;
        try {
            inputs = inputs();
            plan = plan();
            if (Files.exists(out.resolve(HybridRun.BENCH))) throw new IllegalArgumentException("--out: " + out.resolve(HybridRun.BENCH) + " already exists");
        } catch (IllegalArgumentException e) {
            if (Failures.internal(e)) throw e; // a bug of ours, not the user's input: exit 1, a stack trace with --verbose
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        PrintWriter w = spec.commandLine().getOut();
        HybridRun.Result r = HybridRun.run(plan, inputs, out, ClientFactory.streaming(ClientOptions.DEFAULTS), new StepLines(w),
                EnvInfo.capture(ProjectVersion.get()));
        Path dir = r.bench().folder().dir();
        CommandLines.record(spec, dir);
        w.print(HybridTable.render(r.summary()));
        w.println("hybrid results: " + dir);
        boolean reported = CommandLines.writeReport(dir, w, spec.commandLine().getErr());
        w.flush();
        return reported && r.bench().summary().run().status() == io.hybench.bench.results.RunSummary.Status.COMPLETE ? 0 : 1;
    }

    private HybridAnalysis.Inputs inputs() throws IOException {
        List<Question> qs = QuestionLoader.load(questions, QuestionMapping.read(mapping));
        if (limit != null) qs = qs.subList(0, Math.min(limit, qs.size()));
        Target r = TargetSpec.parse(routed, "routed").target(), l = TargetSpec.parse(local, "local").target(), c = TargetSpec.parse(cloud, "cloud").target();
        HybridAnalysis.Calibration calibration = null;
        int given = (dataset == null ? 0 : 1) + (datasetMapping == null ? 0 : 1) + (routerSpec == null ? 0 : 1);
        if (given != 0 && given != 3) throw new IllegalArgumentException("the prediction needs all of --dataset, --dataset-mapping and --spec");
        if (given == 3) {
            calibration = new HybridAnalysis.Calibration(DatasetLoader.load(List.of(dataset), ColumnMapping.read(datasetMapping).validated(), null),
                    CalibrationWriter.readSpec(routerSpec));
        }
        return new HybridAnalysis.Inputs(qs, Grading.of(grading.tolerance(), new TextGrader(grading.textMatch)),
                new HybridTargets(r, l, c), prices == null ? null : PriceFile.read(prices), calibration, ConfidenceSpec.defaults(), seed);
    }

    private HybridRun.Plan plan() {
        if (users != null && rates != null) throw new IllegalArgumentException("give --users or --rates, not both");
        LoadSpec load = rates != null ? new LoadSpec.OpenLoop(rates, LoadSpec.Arrival.POISSON, null)
                : new LoadSpec.ClosedLoop(users != null ? users : List.of(1, 4, 16), new Distribution.Fixed(0));
        return new HybridRun.Plan("hybrid", maxTokens, load,
                new RunLimits(warmup.toNanos(), duration.toNanos(), null, 60_000_000_000L, 1),
                new Slo(sloTtftMs, null, null, 0.9));
    }
}
