package io.hybench.reports.sources;

import io.hybench.calibrate.CalibrationResult;
import io.hybench.cli.Hybench;
import io.hybench.core.mapper.Json;
import io.hybench.reports.html.Page;
import io.hybench.reports.pages.CalibrationReportData.OperatingPoint;
import io.hybench.reports.pages.CalibrationReportData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CalibrationFolderTest {
    @TempDir
    static Path dir;
    static Path out;
    static CalibrationResult result;

    @BeforeAll
    static void calibrate() throws Exception {
        out = calibration(dir);
        result = Json.MAPPER.readValue(out.resolve("summary.json").toFile(), CalibrationResult.class);
    }

    @Test
    void theCommandLeavesItsCommandEnvironmentAndReportInTheFolder() throws Exception {
        String command = Files.readString(out.resolve("command.txt"));
        assertTrue(command.contains(" && hybench calibrate --data " + dir.resolve("labeled.csv")), command);
        assertTrue(Files.readString(out.resolve("env.json")).contains("\"javaVersion\""));
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<p class=\"kind\">Calibration report</p>"), "calibrate wrote its report");
    }

    @Test
    void curveFrontierAndReferencesAreTheSummarys() throws Exception {
        CalibrationReportData data = CalibrationFolder.load(out, BenchmarkFolderTest.CTX);
        long csvRows = Files.readAllLines(out.resolve("curve.csv")).size() - 1;
        assertEquals(csvRows, data.curves().curve().size(), "every candidate threshold");
        for (int i = 1; i < data.curves().curve().size(); i++) {
            assertTrue(data.curves().curve().get(i).threshold() >= data.curves().curve().get(i - 1).threshold(), "in increasing threshold");
        }
        assertEquals(result.curves().frontier().size(), data.curves().paretoFrontier().size());
        assertEquals(result.baselines().calibrationReferences().cloudOnly().accuracy(), data.references().get(1).accuracy());
        assertEquals("cloud calls per 1k queries", data.curves().costTitle(), "no price file: cost counts cloud calls");
        assertEquals(result.scores().scoreQuality().auroc(), data.scoreQuality().auroc());
        assertEquals(result.scores().scoreQuality().reliability().size(), data.scoreQuality().bins().size());
        assertTrue(data.provenance().reproduceCommand().contains("hybench calibrate"));
        assertTrue(data.provenance().emulated().isEmpty());
        assertNull(result.provenance().emulated(), "a CSV without collect provenance does not say which servers answered");
        assertTrue(data.provenance().emulationUnknown().startsWith("not recorded"), "so the page does not claim real servers");
    }

    @Test
    void naiveChoiceShowsHeldOutFiguresWithTheirIntervals() {
        CalibrationReportData data = CalibrationFolder.load(out, BenchmarkFolderTest.CTX);
        CalibrationResult.OperatingPoint op = result.operatingPoints().getFirst();
        OperatingPoint naive = data.operatingPoints().getFirst();
        assertEquals("naive; held-out figures", naive.method());
        assertEquals(op.heldOut().holdout().accuracy(), naive.accuracy().value());
        assertEquals(op.heldOut().holdoutBootstrap().accuracy().lower(), naive.accuracy().low());
        assertEquals(op.heldOut().holdoutBootstrap().accuracy().upper(), naive.accuracy().high());
        assertEquals(((io.hybench.calibrate.policy.Policy.Cascade) op.chosen().policy()).escalateBelow(), naive.threshold());
        assertTrue(data.operatingPoints().get(1).method().startsWith("risk-controlled"), data.operatingPoints().get(1).method());
    }

    @Test
    void exportsAreShownVerbatim() throws Exception {
        CalibrationReportData data = CalibrationFolder.load(out, BenchmarkFolderTest.CTX);
        assertEquals(List.of("router-spec.json", "litellm-config.yaml", "thresholds.yaml", "semantic-router.yaml"),
                data.exports().stream().map(CalibrationReportData.ExportedFile::fileName).toList());
        assertEquals(Files.readString(out.resolve("litellm-config.yaml")), data.exports().get(1).text());
    }

    @Test
    void aFolderWrittenBeforeProvenanceFilesSaysSoAndSeveralKindsCannotShareAPage(@TempDir Path old) throws Exception {
        for (String f : List.of("summary.json", "curve.csv", "operating-points.json")) Files.copy(out.resolve(f), old.resolve(f));
        Page page = Reports.build(List.of(old), List.of(), BenchmarkFolderTest.CTX);
        assertTrue(page.provenance().reproduceCommand().startsWith("not recorded"));
        assertEquals("not recorded", page.provenance().projectVersion());
        String mixed = assertThrows(IllegalArgumentException.class, () -> Reports.build(List.of(old, out), List.of(), BenchmarkFolderTest.CTX)).getMessage();
        assertTrue(mixed.startsWith(old + ": a calibration folder; several folders make one comparison page"), mixed);
        String neither = assertThrows(IllegalArgumentException.class, () -> Reports.build(List.of(dir), List.of(), BenchmarkFolderTest.CTX)).getMessage();
        assertTrue(neither.startsWith(dir + ": not a hybench output folder"), neither);
    }

    /**
     * Runs {@code hybench calibrate} on 400 seeded rows whose confidence is the local model's chance of
     * being right (so the score is calibrated), and returns the output folder.
     */
    private static Path calibration(Path dir) throws IOException {
        Random random = new Random(5);
        StringBuilder csv = new StringBuilder("id,conf,local_ok,cloud_ok\n");
        for (int i = 0; i < 400; i++) {
            double conf = random.nextDouble();
            csv.append(String.format(Locale.ROOT, "q%d,%.4f,%b,%b%n", i, conf, random.nextDouble() < conf, random.nextDouble() < 0.9));
        }
        Path data = Files.writeString(dir.resolve("labeled.csv"), csv);
        Path out = dir.resolve("cal");
        StringWriter text = new StringWriter();
        var cl = Hybench.commandLine();
        cl.setOut(new PrintWriter(text));
        cl.setErr(new PrintWriter(text));
        int code = cl.execute("calibrate", "--data", data.toString(), "--id-column", "id", "--score-column", "conf",
                "--local-correct", "local_ok", "--cloud-correct", "cloud_ok", "--local-model", "small", "--cloud-model", "gpt-4o",
                "--target-pgr", "0.8", "--resamples", "100", "--out", out.toString());
        if (code != 0) throw new IllegalStateException("calibrate failed (" + code + "):\n" + text);
        return out;
    }
}
