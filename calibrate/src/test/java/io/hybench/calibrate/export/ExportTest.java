package io.hybench.calibrate.export;

import io.hybench.calibrate.Calibration;
import io.hybench.calibrate.CalibrationRequest;
import io.hybench.calibrate.CalibrationResult;
import io.hybench.calibrate.cost.PriceFile;
import io.hybench.calibrate.data.ColumnMapping;
import io.hybench.calibrate.data.DatasetLoader;
import io.hybench.calibrate.data.LabeledDataset;
import io.hybench.calibrate.data.SideColumns;
import io.hybench.calibrate.fit.Objective;
import io.hybench.calibrate.fit.Recalibration;
import io.hybench.calibrate.policy.Policy;
import io.hybench.calibrate.policy.PolicyKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExportTest {
    @TempDir
    Path dir;

    /** 200 rows: confidence i/200, local right iff confidence >= 0.25, cloud always right; 100 in + 50 out tokens a side. */
    CalibrationResult calibrate() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            sb.append(String.format(java.util.Locale.ROOT,
                    "{\"id\":\"q%d\",\"conf\":%s,\"l\":%s,\"c\":true,\"tin\":100,\"tout\":50}%n", i, i / 200.0, i >= 50));
        }
        Path data = Files.writeString(dir.resolve("gen.jsonl"), sb);
        ColumnMapping m = new ColumnMapping("id", null, null, List.of("conf"), null,
                new SideColumns("mixtral-8x7b-instruct", "l", "tin", "tout", null, null),
                new SideColumns("gpt-4o", "c", "tin", "tout", null, null));
        LabeledDataset d = DatasetLoader.load(List.of(data), m, null);
        PriceFile prices = PriceFile.read(Path.of("../docs/prices.example.yaml"));
        return Calibration.run(new CalibrationRequest(d, prices, PolicyKind.CASCADE, "conf", null,
                List.of(new Objective.MinAccuracy(1.0)), 0, 1, 200, 0.95, 0.05, 16, Recalibration.Method.NONE, 0, LocalDate.of(2025, 1, 31)));
    }

    @Test
    void exportsMatchGoldenFilesAndParseBack() throws IOException {
        CalibrationResult r = calibrate();
        var op = r.operatingPoints().get(0);
        assertEquals(new Policy.Cascade(0, 0.25), op.chosen().policy());
        // 150 local at $0 + 50 escalations x (100 x 2.5 + 50 x 10) / 1e6 USD, per 1,000 queries
        assertEquals(1000 * 50 * 750e-6 / 200, op.chosen().costPer1k(), 1e-12);
        PriceFile prices = PriceFile.read(Path.of("../docs/prices.example.yaml"));
        List<Path> files = CalibrationWriter.write(r, dir.resolve("out"), LiteLlmTargets.defaults("mixtral-8x7b-instruct", "gpt-4o"), prices);
        assertEquals(List.of("summary.json", "curve.csv", "frontier.json", "operating-points.json", "router-spec.json",
                "litellm-config.yaml", "thresholds.yaml"), files.stream().map(f -> f.getFileName().toString()).toList());
        Path out = dir.resolve("out");
        assertGolden("litellm-config.yaml", out);
        assertGolden("thresholds.yaml", out);

        RouterSpec spec = CalibrationWriter.readSpec(out.resolve("router-spec.json"));
        assertEquals(new Policy.Cascade(0, 0.25), spec.policy());
        assertEquals(List.of("escalate to cloud if conf < 0.25"), spec.rules());
        assertEquals(Map.of("escalate_below", 0.25), LiteLlmConfigExporter.readThresholds(out.resolve("litellm-config.yaml")));
        assertEquals(spec.bands(), SeedThresholdsExporter.read(out.resolve("thresholds.yaml")));
        // PGR 0.95/0.80/0.50 of the 0.25 gap need 48/40/25 of the 50 wrong-local rows escalated
        assertEquals(new Bands(0.24, 0.2, 0.125), spec.bands());
        String litellm = Files.readString(out.resolve("litellm-config.yaml"));
        assertTrue(litellm.contains("api_key: os.environ/OPENAI_API_KEY"));
        assertFalse(litellm.contains("sk-"));
        assertEquals(201, Files.readAllLines(out.resolve("curve.csv")).size() - 1);
    }

    private static void assertGolden(String name, Path out) throws IOException {
        String actual = Files.readString(out.resolve(name));
        Path golden = Path.of("src/test/resources/golden", name);
        if (Boolean.getBoolean("hybench.updateGolden")) Files.writeString(golden, actual);
        assertEquals(Files.readString(golden), actual, name + " differs from its golden file");
    }
}
