package io.hybench.calibrate.export;

import io.hybench.calibrate.Calibration;
import io.hybench.calibrate.CalibrationRequest;
import io.hybench.calibrate.CalibrationRequest.Statistics;
import io.hybench.calibrate.CalibrationRequest.Sweep;
import io.hybench.calibrate.CalibrationRequest.Validation;
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
import io.hybench.bench.client.ApiKind;
import io.hybench.bench.client.ServerFlavor;
import io.hybench.bench.client.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
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
        return calibrate("conf", 0);
    }

    /** As above with the score in {@code column} and shifted by {@code offset}: the threshold moves with it. */
    CalibrationResult calibrate(String column, double offset) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            sb.append(String.format(java.util.Locale.ROOT,
                    "{\"id\":\"q%d\",\"%s\":%s,\"l\":%s,\"c\":true,\"tin\":100,\"tout\":50}%n", i, column, i / 200.0 + offset, i >= 50));
        }
        Path data = Files.writeString(dir.resolve("gen.jsonl"), sb);
        ColumnMapping m = new ColumnMapping("id", null, null, List.of(column), null,
                new SideColumns("mixtral-8x7b-instruct", "l", "tin", "tout", null, null),
                new SideColumns("gpt-4o", "c", "tin", "tout", null, null));
        LabeledDataset d = DatasetLoader.load(List.of(data), m, null);
        PriceFile prices = PriceFile.read(Path.of("../docs/prices.example.yaml"));
        return Calibration.run(new CalibrationRequest(d, prices, Sweep.of(PolicyKind.CASCADE, column, null),
                List.of(new Objective.MinAccuracy(1.0)), new Validation(0, 0), new Statistics(1, 200, 0.95, 0.05), LocalDate.of(2025, 1, 31)));
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
                "litellm-config.yaml", "thresholds.yaml", "semantic-router.yaml"), files.stream().map(f -> f.getFileName().toString()).toList());
        Path out = dir.resolve("out");
        assertGolden("litellm-config.yaml", out);
        assertGolden("thresholds.yaml", out);

        RouterSpec spec = CalibrationWriter.readSpec(out.resolve("router-spec.json"));
        assertEquals(new Policy.Cascade(0, 0.25), spec.routing().policy());
        assertEquals(List.of("escalate to cloud if conf < 0.25"), spec.routing().rules());
        assertEquals(Map.of("escalate_below", 0.25), LiteLlmConfigExporter.readThresholds(out.resolve("litellm-config.yaml")));
        assertEquals(spec.bands(), SeedThresholdsExporter.read(out.resolve("thresholds.yaml")));
        // PGR 0.95/0.80/0.50 of the 0.25 gap need 48/40/25 of the 50 wrong-local rows escalated
        assertEquals(new Bands(0.24, 0.2, 0.125), spec.bands());
        String litellm = Files.readString(out.resolve("litellm-config.yaml"));
        assertTrue(litellm.contains("api_key: os.environ/OPENAI_API_KEY"));
        assertFalse(litellm.contains("sk-"));
        assertEquals(201, Files.readAllLines(out.resolve("curve.csv")).size() - 1);
        assertTrue(Files.readString(out.resolve("semantic-router.yaml")).contains("NO EQUIVALENT: the confidence signal 'conf' is not the mean token logprob"));
    }

    @Test
    void aMeanLogprobCascadeExportsToSemanticRoutersNormalisedThreshold() throws IOException {
        // local_mean_logprob (as collect names it) = i/200 - 1; local right from i = 50: escalate below -0.75, i.e. avg_logprob threshold (-0.75 + 3) / 3
        CalibrationResult r = calibrate("local_mean_logprob", -1);
        RouterSpec spec = RouterSpec.of(r, r.operatingPoints().get(0));
        assertEquals(new Policy.Cascade(0, -0.75), spec.routing().policy());
        assertEquals(0.75, SemanticRouterExporter.threshold(-0.75));
        assertEquals(1.0, SemanticRouterExporter.threshold(0.0));
        CalibrationWriter.write(r, dir.resolve("out"), LiteLlmTargets.defaults("mixtral-8x7b-instruct", "gpt-4o"), null);
        assertGolden("semantic-router.yaml", dir.resolve("out"));

        var recalibrated = spec.withRouting(RouterSpec.Routing.of(spec.routing().policy(), spec.routing().scoreColumns(),
                spec.routing().scoreSense(), Map.of("local_mean_logprob", new Recalibration.Platt(1, 0))));
        assertTrue(SemanticRouterExporter.noEquivalent(recalibrated).orElseThrow().contains("recalibrated"));
        var atTheFloor = spec.withRouting(spec.routing().withPolicy(new Policy.Cascade(0, -3)));
        assertTrue(SemanticRouterExporter.noEquivalent(atTheFloor).orElseThrow().contains("at or below -3"));
        var preRoute = spec.withRouting(spec.routing().withPolicy(new Policy.PreRoute(0, -0.5)));
        assertTrue(SemanticRouterExporter.noEquivalent(preRoute).orElseThrow().contains("pre-route"));
    }

    @Test
    void liteLlmModelStringsFollowEachTargetsProtocol() {
        var vllm = new Target("local", ApiKind.OPENAI, ServerFlavor.VLLM, URI.create("http://gpu-box:8000/"), "meta-llama/Llama-3.1-8B-Instruct", null);
        var ollama = new Target("local", ApiKind.OLLAMA, ServerFlavor.OLLAMA, URI.create("http://127.0.0.1:11434"), "llama3.1:8b", null);
        var anthropicEmulated = new Target("cloud", ApiKind.ANTHROPIC, ServerFlavor.ANTHROPIC, URI.create("http://127.0.0.1:9001"), "big-model", null);
        var openai = new Target("cloud", ApiKind.OPENAI, ServerFlavor.OPENAI, URI.create("https://api.openai.com"), "gpt-4o", "MY_KEY");
        assertEquals(new LiteLlmTargets("hosted_vllm/meta-llama/Llama-3.1-8B-Instruct", "http://gpu-box:8000/v1",
                "anthropic/big-model", "http://127.0.0.1:9001", "ANTHROPIC_API_KEY"), LiteLlmTargets.of(vllm, anthropicEmulated));
        LiteLlmTargets t = LiteLlmTargets.of(ollama, openai);
        assertEquals(new LiteLlmTargets("ollama_chat/llama3.1:8b", "http://127.0.0.1:11434", "openai/gpt-4o", null, "MY_KEY"), t);
        // a cascade needs logprobs, which LiteLLM's ollama_chat provider does not request: Ollama's /v1 instead
        assertEquals(new LiteLlmTargets("openai/llama3.1:8b", "http://127.0.0.1:11434/v1", "openai/gpt-4o", null, "MY_KEY"), t.withLocalLogprobs());
        assertEquals(LiteLlmTargets.of(vllm, openai), LiteLlmTargets.of(vllm, openai).withLocalLogprobs());
    }

    private static void assertGolden(String name, Path out) throws IOException {
        String actual = Files.readString(out.resolve(name));
        Path golden = Path.of("src/test/resources/golden", name);
        if (Boolean.getBoolean("hybench.updateGolden")) Files.writeString(golden, actual);
        assertEquals(Files.readString(golden), actual, name + " differs from its golden file");
    }
}
