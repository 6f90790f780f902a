package io.hybench.cli;

import io.hybench.calibrate.collect.emulate.AnsweringEmulator;
import io.hybench.calibrate.collect.questions.Question;
import io.hybench.calibrate.collect.questions.QuestionLoader;
import io.hybench.calibrate.collect.questions.QuestionMapping;
import io.hybench.calibrate.hybrid.HybridAnalysis;
import io.hybench.calibrate.hybrid.HybridSummary;
import io.hybench.emulator.Emulator;
import io.hybench.emulator.profile.ProfileLoader;
import io.hybench.emulator.truth.TruthLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** hybench hybrid against answering emulators over loopback, predicted from the 0.1.0 golden calibration. */
class HybridCommandTest {
    static final Path GOLDEN = Path.of("../reports/src/test/resources/golden/v0.1.0");

    @TempDir
    Path dir;

    @Test
    void aRoutedEndpointAndItsPartsAreGradedReportedAndPredicted() throws Exception {
        List<Question> qs = QuestionLoader.load(List.of(Path.of("../datasets/synthetic-v1.jsonl")),
                QuestionMapping.read(Path.of("../datasets/synthetic-v1.mapping.yaml"))).subList(0, 12);
        Path out = dir.resolve("h");
        try (Emulator local = AnsweringEmulator.start(ProfileLoader.load("llama3.1-8b-a100-vllm"), 0, 42, TruthLog.discarding(), qs);
             Emulator cloud = AnsweringEmulator.start(ProfileLoader.load("frontier-cloud-api"), 0, 42, TruthLog.discarding(), qs)) {
            CliRun r = CliRun.of("hybrid", "--questions", "../datasets/synthetic-v1.jsonl", "--mapping", "../datasets/synthetic-v1.mapping.yaml",
                    "--limit", "12", "--routed", "api=openai,flavor=vllm,url=" + local.baseUrl() + ",model=" + local.profile().model(),
                    "--local", "api=openai,flavor=vllm,url=" + local.baseUrl() + ",model=" + local.profile().model(),
                    "--cloud", "api=anthropic,url=" + cloud.baseUrl() + ",model=" + cloud.profile().model(),
                    "--users", "1,2", "--warmup", "0s", "--duration", "1s", "--max-tokens", "64",
                    "--dataset", GOLDEN.resolve("collect/labeled.jsonl").toString(), "--dataset-mapping", GOLDEN.resolve("collect/labeled.mapping.yaml").toString(),
                    "--spec", GOLDEN.resolve("calibration/router-spec.json").toString(), "--out", out.toString());
            assertEquals(0, r.code(), r.err() + r.out());
            assertTrue(r.out().contains("measured vs predicted (routed)"), r.out());
            assertTrue(r.out().contains("the seed's claims (routed)"), r.out());
        }
        Path run = out.resolve("bench");
        HybridSummary s = HybridAnalysis.read(run);
        assertNotNull(s.prediction());
        assertEquals(12, s.prediction().offline().rows());
        // The golden spec escalates 9 of its 12 rows (worked by hand in HybridFiguresTest's manner): accuracy 11/12.
        assertEquals(11.0 / 12, s.prediction().offline().accuracy().value(), 1e-12);
        assertEquals(3.0 / 12, s.prediction().offline().localShare().value(), 1e-12);
        String html = Files.readString(run.resolve("report.html"));
        assertTrue(html.contains(">Hybrid<") && html.contains("Cumulative shares") && html.contains("Measured beside predicted"), "Hybrid section");
        assertTrue(Files.exists(run.resolve("command.txt")));
        if (Boolean.getBoolean("hybench.updateGolden")) writeGolden(out, Path.of("../reports/src/test/resources/golden/v0.2.0/hybrid"));
    }

    /**
     * Leaves this run as the golden hybrid folder (report.html left out); the prompt file's path in the
     * resolved workload becomes relative ({@code ../prompts.jsonl}) so the copy reads back where it lies.
     */
    static void writeGolden(Path out, Path golden) throws java.io.IOException {
        Files.createDirectories(golden.resolve("bench"));
        Files.copy(out.resolve("prompts.jsonl"), golden.resolve("prompts.jsonl"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (var files = Files.list(out.resolve("bench"))) {
            for (Path f : files.filter(f -> !f.getFileName().toString().equals("report.html")).toList()) {
                String name = f.getFileName().toString();
                String text = Files.readString(f);
                if (name.equals("workload.resolved.yaml")) text = text.replace(out.resolve("prompts.jsonl").toAbsolutePath().toString(), "../prompts.jsonl");
                Files.writeString(golden.resolve("bench").resolve(name), text);
            }
        }
    }

    @Test
    void aHalfGivenCalibrationIsABadInput() {
        CliRun r = CliRun.of("hybrid", "--questions", "../datasets/synthetic-v1.jsonl", "--mapping", "../datasets/synthetic-v1.mapping.yaml",
                "--routed", "api=openai,url=http://127.0.0.1:9,model=m", "--local", "api=openai,url=http://127.0.0.1:9,model=m",
                "--cloud", "api=openai,url=http://127.0.0.1:9,model=m", "--spec", "x.json", "--out", dir.resolve("h").toString());
        assertEquals(2, r.code());
        assertEquals(List.of("hybench hybrid: the prediction needs all of --dataset, --dataset-mapping and --spec (see: hybench hybrid --help)"),
                r.errLines());
    }

    @Test
    void aBugOfOursIsAnInternalErrorNotAnOptionError() {
        CliRun r = CliRun.withBug("hybrid", "--questions", "../datasets/synthetic-v1.jsonl", "--mapping", "../datasets/synthetic-v1.mapping.yaml",
                "--routed", "api=openai,url=http://127.0.0.1:9,model=m", "--local", "api=openai,url=http://127.0.0.1:9,model=m",
                "--cloud", "api=openai,url=http://127.0.0.1:9,model=m", "--prices", CliRun.BROKEN, "--out", dir.resolve("h").toString());
        assertEquals(1, r.code(), r.err());
        assertEquals(List.of(CliRun.bugLine("hybrid")), r.errLines());
    }
}
