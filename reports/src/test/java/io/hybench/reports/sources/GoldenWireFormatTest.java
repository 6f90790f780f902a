package io.hybench.reports.sources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybench.calibrate.CalibrationResult;
import io.hybench.core.mapper.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The records behind the calibrate outputs write exactly the JSON of the golden files they read: a
 * change to a record's shape (nesting, renaming) that would change the wire format fails here. The
 * calibration summary is format 2 (v0.3.0, RouteLLM's exact APGR/CPT); the 0.1.0 one (format 1) still reads.
 */
class GoldenWireFormatTest {
    static final Path GOLDEN_CALIBRATION = Path.of("src/test/resources/golden/v0.3.0/calibration");

    @ParameterizedTest
    @CsvSource({
            "v0.3.0/calibration/summary.json, io.hybench.calibrate.CalibrationResult",
            "v0.3.0/calibration/router-spec.json, io.hybench.calibrate.export.RouterSpec",
            "v0.1.0/calibration/router-spec.json, io.hybench.calibrate.export.RouterSpec",
            "v0.1.0/cost/cost.json, io.hybench.calibrate.cost.CostAnalysis",
            "v0.1.0/collect/labeled.summary.json, io.hybench.calibrate.collect.run.CollectSummary"})
    void recordsWriteBackTheGoldenJson(String file, String type) throws Exception {
        JsonNode golden = Json.MAPPER.readTree(Path.of("src/test/resources/golden").resolve(file).toFile());
        Object value = Json.MAPPER.treeToValue(golden, Class.forName(type));
        assertEquals(golden, Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(value)), file);
    }

    @Test
    void aFormat1CalibrationSummaryReadsItsFiguresAsTheRunningMaximumOnes() throws Exception {
        CalibrationResult r = Json.MAPPER.readValue(GoldenFoldersTest.GOLDEN.resolve("calibration/summary.json").toFile(), CalibrationResult.class);
        assertEquals(1, r.formatVersion(), "no formatVersion: format 1");
        assertNull(r.baselines().routeLlm().router(), "format 1 never computed RouteLLM's exact figures");
        assertEquals(0.43999999999999995, r.baselines().routeLlm().routerRunningMax().apgr());
        assertEquals(0.25, r.baselines().routeLlm().routerRunningMax().cpt50());
        String facts = CalibrationFolder.load(GoldenFoldersTest.GOLDEN.resolve("calibration"), BenchmarkFolderTest.CTX).dataset().toString();
        assertTrue(facts.contains("not computed: summary.json format 1"), facts);
    }

    @Test
    void theCurrentSummaryCarriesBothDefinitionsAndTheirLabels() throws Exception {
        CalibrationResult r = Json.MAPPER.readValue(GOLDEN_CALIBRATION.resolve("summary.json").toFile(), CalibrationResult.class);
        assertEquals(CalibrationResult.FORMAT_VERSION, r.formatVersion());
        assertEquals(0.4375, r.baselines().routeLlm().router().apgr(), 1e-12);
        assertEquals(0.44, r.baselines().routeLlm().routerRunningMax().apgr(), 1e-12);
        String facts = CalibrationFolder.load(GOLDEN_CALIBRATION, BenchmarkFolderTest.CTX).dataset().toString();
        assertTrue(facts.contains("APGR (RouteLLM)") && facts.contains("(running maximum)"), facts);
    }

    @Test
    void aNewerCalibrationSummaryIsRefusedInOneLine(@TempDir Path dir) throws Exception {
        ObjectNode summary = (ObjectNode) Json.MAPPER.readTree(GOLDEN_CALIBRATION.resolve("summary.json").toFile());
        summary.put("formatVersion", CalibrationResult.FORMAT_VERSION + 1);
        Files.writeString(dir.resolve("summary.json"), Json.MAPPER.writeValueAsString(summary));
        String message = assertThrows(IllegalArgumentException.class, () -> CalibrationFolder.load(dir, BenchmarkFolderTest.CTX)).getMessage();
        assertTrue(message.contains("calibration summary format " + (CalibrationResult.FORMAT_VERSION + 1)), message);
        assertFalse(message.contains("\n"));
    }
}
