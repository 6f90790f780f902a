package io.hybench.calibrate.export;

import com.fasterxml.jackson.databind.ObjectWriter;
import io.hybench.calibrate.CalibrationResult.OperatingPoint;
import io.hybench.calibrate.CalibrationResult;
import io.hybench.calibrate.cost.PriceFile;
import io.hybench.calibrate.policy.CurvePoint;
import io.hybench.calibrate.policy.Policy;
import io.hybench.core.mapper.Json;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a calibration's output folder: summary.json (everything), curve.csv, frontier.json,
 * operating-points.json, and, for the first operating point that has a threshold, router-spec.json,
 * litellm-config.yaml, thresholds.yaml and semantic-router.yaml. Formats are documented in docs/calibration.md.
 */
public final class CalibrationWriter {
    private static final ObjectWriter PRETTY = Json.MAPPER.writerWithDefaultPrettyPrinter();

    private CalibrationWriter() {
    }

    /** summary.json's default cap on curve and frontier points (curve.csv and frontier.json keep all). */
    public static final int SUMMARY_MAX_POINTS = 10_000;

    /** The files written, in order. */
    public static List<Path> write(CalibrationResult r, Path dir, LiteLlmTargets targets, PriceFile prices) throws IOException {
        return write(r, dir, targets, prices, SUMMARY_MAX_POINTS);
    }

    /** As above, with summary.json's curve and frontier cut to {@code summaryMaxPoints} evenly spaced points each. */
    public static List<Path> write(CalibrationResult r, Path dir, LiteLlmTargets targets, PriceFile prices, int summaryMaxPoints)
            throws IOException {
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        out.add(json(dir.resolve("summary.json"), r.thinnedTo(summaryMaxPoints)));
        out.add(curveCsv(r.curves().curve(), dir.resolve("curve.csv")));
        Map<String, Object> frontier = new LinkedHashMap<>();
        frontier.put("costUnit", r.provenance().costing().costUnit());
        frontier.put("frontier", r.curves().frontier());
        frontier.put("hull", r.curves().hull());
        out.add(json(dir.resolve("frontier.json"), frontier));
        out.add(json(dir.resolve("operating-points.json"), r.operatingPoints()));
        OperatingPoint first = r.operatingPoints().stream().filter(p -> p.chosen() != null).findFirst().orElse(null);
        if (first != null) {
            RouterSpec spec = RouterSpec.of(r, first);
            out.add(json(dir.resolve("router-spec.json"), spec));
            Path litellm = dir.resolve("litellm-config.yaml");
            LiteLlmConfigExporter.write(spec, targets, prices, litellm);
            out.add(litellm);
            Path seed = dir.resolve("thresholds.yaml");
            SeedThresholdsExporter.write(spec, seed);
            out.add(seed);
            Path semanticRouter = dir.resolve("semantic-router.yaml");
            SemanticRouterExporter.write(spec, semanticRouter);
            out.add(semanticRouter);
        }
        return out;
    }

    /** Reads a router spec back (round-trip checks and the Java router). */
    public static RouterSpec readSpec(Path file) throws IOException {
        return Json.MAPPER.readValue(file.toFile(), RouterSpec.class);
    }

    private static Path json(Path file, Object value) throws IOException {
        PRETTY.writeValue(file.toFile(), value);
        return file;
    }

    /** One row per curve point; thresholds in the oriented sense; empty cells for thresholds a policy lacks. */
    static Path curveCsv(List<CurvePoint> curve, Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("policy,cloud_below,escalate_below,share_local,accuracy,cost_per_1k,latency_ms\n");
            for (CurvePoint p : curve) {
                String cloud = "", escalate = "";
                switch (p.policy()) {
                    case Policy.Cascade c -> escalate = num(c.escalateBelow());
                    case Policy.PreRoute pr -> cloud = num(pr.cloudBelow());
                    case Policy.TwoStage t -> {
                        cloud = num(t.cloudBelow());
                        escalate = num(t.escalateBelow());
                    }
                }
                w.write(String.join(",", LiteLlmConfigExporter.kind(p.policy()), cloud, escalate, num(p.shareLocal()),
                        num(p.accuracy()), num(p.costPer1k()), Double.isNaN(p.latencyMs()) ? "" : num(p.latencyMs())));
                w.write('\n');
            }
        }
        return file;
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%s", v);
    }
}
