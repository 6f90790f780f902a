package io.hybench.cli;

import io.hybench.bench.client.ApiKey;
import io.hybench.bench.results.EnvInfo;
import io.hybench.calibrate.Calibration;
import io.hybench.calibrate.CalibrationRequest;
import io.hybench.calibrate.CalibrationRequest.Statistics;
import io.hybench.calibrate.CalibrationRequest.Sweep;
import io.hybench.calibrate.CalibrationRequest.Validation;
import io.hybench.calibrate.CalibrationResult;
import io.hybench.calibrate.collect.run.TargetSpec;
import io.hybench.calibrate.cost.PriceFile;
import io.hybench.calibrate.data.ColumnMapping;
import io.hybench.calibrate.data.DatasetLoader;
import io.hybench.calibrate.data.Exclusion;
import io.hybench.calibrate.data.LabeledDataset;
import io.hybench.calibrate.data.ScoreSense;
import io.hybench.calibrate.data.SideColumns;
import io.hybench.calibrate.export.CalibrationSummaryTable;
import io.hybench.calibrate.export.CalibrationWriter;
import io.hybench.calibrate.export.LiteLlmTargets;
import io.hybench.calibrate.export.RouterSpec;
import io.hybench.calibrate.export.SemanticRouterExporter;
import io.hybench.calibrate.fit.Objective;
import io.hybench.calibrate.fit.Recalibration;
import io.hybench.calibrate.policy.Policy;
import io.hybench.calibrate.policy.PolicyKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code hybench calibrate}: fit local/cloud routing thresholds on labeled data and write the report files. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Fit local/cloud routing thresholds on labeled data: curve, frontier, operating points with intervals, exports.")
public final class CalibrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"--dataset", "--data"}, required = true, arity = "1..*", description = "CSV/JSONL files or directories of them (--data is an alias)")
    List<Path> data;
    @Option(names = "--mapping", description = "column mapping YAML (flags below override it)")
    Path mapping;
    @Option(names = "--id-column", description = "column of the row id (ids must be unique)") String idColumn;
    @Option(names = "--prompt-column", description = "column of the prompt text (matched by --exclude)") String promptColumn;
    @Option(names = "--category-column", description = "column, or @file for the file name") String categoryColumn;
    @Option(names = "--score-column", description = "score column(s), repeatable") List<String> scoreColumns = new ArrayList<>();
    @Option(names = "--score-sense", description = "HIGHER_MEANS_LOCAL or HIGHER_MEANS_CLOUD") ScoreSense scoreSense;
    @Option(names = "--local-correct", description = "column: was the local answer right (true/false or 1/0)") String localCorrect;
    @Option(names = "--cloud-correct", description = "column: was the cloud answer right (true/false or 1/0)") String cloudCorrect;
    @Option(names = "--local-model", description = "local model name (as in the price file)") String localModel;
    @Option(names = "--cloud-model", description = "cloud model name (as in the price file)") String cloudModel;
    @Option(names = "--exclude", description = "JSONL of prompts to drop (e.g. RouteLLM's contaminated_prompts.jsonl)") Path exclude;
    @Option(names = "--exclude-field", defaultValue = Exclusion.ROUTELLM_FIELD, description = "field of --exclude holding the prompt") String excludeField;
    @Option(names = "--prices", description = "dated price file (docs/prices.example.yaml)") Path prices;
    @Option(names = "--policy", defaultValue = "CASCADE", description = "CASCADE, PRE_ROUTE or TWO_STAGE") PolicyKind policy;
    @Option(names = "--score", description = "score column the policy thresholds (default: the first mapped)") String score;
    @Option(names = "--router-score", description = "pre-router score column (two-stage)") String routerScore;
    @Option(names = "--target-accuracy", description = "objective: accuracy at least this fraction, in [0, 1] (repeatable)") List<Double> targetAccuracy = new ArrayList<>();
    @Option(names = "--target-pgr", description = "objective: recover this fraction of the local-to-cloud accuracy gap, in [0, 1] (repeatable)") List<Double> targetPgr = new ArrayList<>();
    @Option(names = "--budget", description = "cost per 1,000 queries (USD, or cloud calls without prices)") List<Double> budget = new ArrayList<>();
    @Option(names = "--min-local-share", description = "objective: keep at least this fraction of queries local, in [0, 1] (repeatable)") List<Double> minLocalShare = new ArrayList<>();
    @Option(names = "--max-latency-ms", description = "objective: mean latency at most this many ms (repeatable)") List<Double> maxLatencyMs = new ArrayList<>();
    @Option(names = "--holdout", defaultValue = "0.3", description = "held-out fraction for reporting chosen thresholds") double holdout;
    @Option(names = "--seed", defaultValue = "42", description = "seed of the held-out split and the bootstrap") long seed;
    @Option(names = "--resamples", defaultValue = "1000", description = "bootstrap resamples") int resamples;
    @Option(names = "--level", defaultValue = "0.95", description = "confidence level of intervals") double level;
    @Option(names = "--delta", defaultValue = "0.05", description = "risk-control error probability") double delta;
    @Option(names = "--two-stage-grid", defaultValue = "64", description = "max pre-router thresholds tried") int twoStageGrid;
    @Option(names = "--recalibrate", defaultValue = "NONE", description = "NONE, ISOTONIC or PLATT: thresholds on P(local right)") Recalibration.Method recalibrate;
    @Option(names = "--folds", defaultValue = "0", description = "k-fold cross-validation of every objective (0: off)") int folds;
    @Option(names = "--local-target", paramLabel = "SPEC",
            description = "the local target the rows were collected from (collect's syntax): LiteLLM provider prefix and api_base follow its protocol") String localTarget;
    @Option(names = "--cloud-target", paramLabel = "SPEC", description = "the cloud target, likewise (with --local-target)") String cloudTarget;
    @Option(names = "--litellm-local", description = "LiteLLM model string for the local side (default ollama_chat/<local model>, or from --local-target)") String litellmLocal;
    @Option(names = "--litellm-local-base", description = "api_base of the local side (default " + LiteLlmTargets.OLLAMA_BASE + ", or from --local-target)") String litellmLocalBase;
    @Option(names = "--litellm-cloud", description = "LiteLLM model string for the cloud side") String litellmCloud;
    @Option(names = "--litellm-cloud-key-env", description = "env var holding the cloud API key") String litellmKeyEnv;
    @Option(names = "--summary-max-points", defaultValue = "" + CalibrationWriter.SUMMARY_MAX_POINTS,
            description = "cap on curve and frontier points in summary.json (curve.csv and frontier.json keep all)") int summaryMaxPoints;
    @Option(names = "--out", required = true, description = "output directory") Path out;

    @Override
    public Integer call() throws Exception {
        ColumnMapping flags = new ColumnMapping(idColumn, promptColumn, categoryColumn, scoreColumns,
                scoreSense == null ? ScoreSense.HIGHER_MEANS_LOCAL : scoreSense,
                new SideColumns(localModel, localCorrect, null, null, null, null),
                new SideColumns(cloudModel, cloudCorrect, null, null, null, null));
        ColumnMapping m = mapping == null ? flags : ColumnMapping.read(mapping).overriddenBy(flags);
        LabeledDataset dataset = DatasetLoader.load(data, m, exclude == null ? null : new Exclusion(exclude, excludeField));
        PriceFile priceFile = prices == null ? null : PriceFile.read(prices);
        List<Objective> objectives = new ArrayList<>();
        targetAccuracy.forEach(a -> objectives.add(new Objective.MinAccuracy(a)));
        targetPgr.forEach(p -> objectives.add(new Objective.MinPgr(p)));
        budget.forEach(b -> objectives.add(new Objective.CostBudget(b)));
        minLocalShare.forEach(s -> objectives.add(new Objective.MinLocalShare(s)));
        maxLatencyMs.forEach(l -> objectives.add(new Objective.MaxLatency(l)));
        String scoreName = score != null ? score : dataset.scoreNames().isEmpty() ? null : dataset.scoreNames().get(0);
        CalibrationResult result = Calibration.run(new CalibrationRequest(dataset, priceFile, Sweep.of(policy, scoreName, routerScore).withRecalibration(recalibrate).withTwoStageGrid(twoStageGrid),
                objectives, new Validation(holdout, folds), new Statistics(seed, resamples, level, delta), LocalDate.now(ZoneOffset.UTC)));
        ApiKey.requireEnvName("--litellm-cloud-key-env", litellmKeyEnv);
        LiteLlmTargets d;
        try {
            if ((localTarget == null) != (cloudTarget == null)) throw new IllegalArgumentException("--local-target and --cloud-target go together");
            d = localTarget != null
                    ? LiteLlmTargets.of(TargetSpec.parse(localTarget, "local").target(), TargetSpec.parse(cloudTarget, "cloud").target())
                    : LiteLlmTargets.defaults(m.local().model(), m.cloud().model());
        } catch (IllegalArgumentException e) {
            if (Failures.internal(e)) throw e; // a bug of ours, not the user's input: exit 1, a stack trace with --verbose
            spec.commandLine().getErr().println(e.getMessage());
            spec.commandLine().getErr().flush();
            return 2;
        }
        LiteLlmTargets targets = new LiteLlmTargets(litellmLocal != null ? litellmLocal : d.localModel(),
                litellmLocalBase != null ? litellmLocalBase : d.localApiBase(), litellmCloud != null ? litellmCloud : d.cloudModel(),
                d.cloudApiBase(), litellmKeyEnv != null ? litellmKeyEnv : d.cloudKeyEnv());
        List<Path> written = CalibrationWriter.write(result, out, targets, priceFile, summaryMaxPoints);
        EnvInfo.capture(ProjectVersion.get()).writeInto(out);
        CommandLines.record(spec, out);
        var w = spec.commandLine().getOut();
        w.print(CalibrationSummaryTable.render(result));
        Path specFile = out.resolve("router-spec.json");
        if (written.contains(specFile)) {
            RouterSpec routerSpec = CalibrationWriter.readSpec(specFile);
            w.println("semantic-router.yaml: " + SemanticRouterExporter.noEquivalent(routerSpec)
                    .map(why -> "no vLLM Semantic Router equivalent: " + why)
                    .orElseGet(() -> "vLLM Semantic Router avg_logprob threshold "
                            + SemanticRouterExporter.threshold(((Policy.Cascade) routerSpec.routing().policy()).escalateBelow())));
        }
        w.println("wrote " + (written.size() + 2) + " files to " + out);
        boolean reported = CommandLines.writeReport(out, w, spec.commandLine().getErr());
        w.flush();
        return reported ? 0 : 1;
    }
}
