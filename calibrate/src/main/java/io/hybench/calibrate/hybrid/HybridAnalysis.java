package io.hybench.calibrate.hybrid;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.hybench.bench.results.ResultReader;
import io.hybench.bench.results.RunSummary;
import io.hybench.calibrate.collect.grade.Grading;
import io.hybench.calibrate.collect.questions.Question;
import io.hybench.calibrate.cost.PriceFile;
import io.hybench.calibrate.data.LabeledDataset;
import io.hybench.calibrate.export.RouterSpec;
import io.hybench.core.mapper.Json;
import io.hybench.core.stats.ConfidenceSpec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a finished hybrid bench run into {@code hybrid-requests.jsonl} (every measured request graded)
 * and {@code hybrid.json} (levels, prediction, checks, claims), both written into the run folder.
 */
public final class HybridAnalysis {
    public static final String SUMMARY = "hybrid.json";
    public static final String REQUESTS = "hybrid-requests.jsonl";

    private HybridAnalysis() {
    }

    /** The calibration the prediction comes from: collect's labeled rows and the spec fitted on them. */
    public record Calibration(LabeledDataset data, RouterSpec spec) {
    }

    /**
     * @param calibration null: no prediction
     * @param prices      null: costs count cloud calls
     */
    public record Inputs(List<Question> questions, Grading grading, HybridTargets targets, PriceFile prices, Calibration calibration,
                         ConfidenceSpec confidence, long seed) {
    }

    public static HybridSummary analyze(Path runDir, Inputs in) throws IOException {
        RunSummary run = ResultReader.load(runDir).summary();
        if (run == null) throw new IllegalArgumentException(runDir + ": no summary.json; the run ended before its first step");
        HybridTargets t = in.targets();
        LegPricing pricing = LegPricing.of(in.prices(), t.local().model(), t.cloud().model());
        List<GradedRequest> graded = new RequestGrading(in.questions(), in.grading(), t, pricing).grade(ResultReader.requests(runDir), run.steps());
        writeLines(runDir.resolve(REQUESTS), graded);
        List<HybridLevel> levels = LevelAggregation.levels(graded, run.levels(), pricing.unit(), in.confidence(), in.seed());
        HybridSummary.Parts parts = HybridSummary.Parts.of(t);

        Predictor predictor = in.calibration() == null ? null
                : new Predictor(in.calibration().data(), in.calibration().spec(), in.prices(), in.confidence(), in.seed());
        List<PredictedLevel> predicted = new ArrayList<>();
        List<Check> checks = new ArrayList<>();
        List<Claim> claims = new ArrayList<>();
        for (HybridLevel h : levels) {
            if (h.at().role() != Role.HYBRID) continue;
            claims.addAll(Claim.of(h, find(levels, Role.CLOUD_ONLY, h.at().load()), parts.emulated()));
            if (predictor == null) continue;
            PredictedLevel p = predictor.at(h.at().load(), part(graded, Role.LOCAL_ONLY, h.at().load()), part(graded, Role.CLOUD_ONLY, h.at().load()));
            predicted.add(p);
            checks.addAll(Check.of(h, p, predictor.offline().costUnit() == pricing.unit()));
        }
        HybridSummary summary = HybridSummary.of(run.run().runId(), parts, HybridSummary.Costing.of(pricing), levels,
                predictor == null ? null : new HybridSummary.Prediction(predictor.offline(), predicted), checks, claims);
        Files.writeString(runDir.resolve(SUMMARY), Json.MAPPER.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary) + "\n");
        return summary;
    }

    /** Reads {@code hybrid.json}; refuses a newer format than this version knows. */
    public static HybridSummary read(Path runDir) throws IOException {
        HybridSummary s = Json.MAPPER.readValue(runDir.resolve(SUMMARY).toFile(), HybridSummary.class);
        if (s.formatVersion() > HybridSummary.FORMAT_VERSION) {
            throw new IllegalArgumentException(runDir.resolve(SUMMARY) + ": formatVersion " + s.formatVersion() + " is newer than this hybench reads ("
                    + HybridSummary.FORMAT_VERSION + ")");
        }
        return s;
    }

    private static HybridLevel find(List<HybridLevel> levels, Role role, double load) {
        return levels.stream().filter(l -> l.at().role() == role && l.at().load() == load).findFirst().orElse(null);
    }

    private static List<GradedRequest> part(List<GradedRequest> graded, Role role, double load) {
        return graded.stream().filter(g -> g.at().role() == role && g.at().load() == load).toList();
    }

    private static void writeLines(Path file, List<GradedRequest> graded) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (GradedRequest g : graded) {
                out.write(Json.MAPPER.writeValueAsString(g));
                out.write('\n');
            }
        }
    }
}
