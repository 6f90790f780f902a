package io.hybench.reports.sources;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybench.core.mapper.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;


import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The records behind the calibrate outputs write exactly the JSON of the golden files they read: a
 * change to a record's shape (nesting, renaming) that would change the wire format fails here.
 */
class GoldenWireFormatTest {

    @ParameterizedTest
    @CsvSource({
            "calibration/summary.json, io.hybench.calibrate.CalibrationResult",
            "calibration/router-spec.json, io.hybench.calibrate.export.RouterSpec",
            "cost/cost.json, io.hybench.calibrate.cost.CostAnalysis",
            "collect/labeled.summary.json, io.hybench.calibrate.collect.run.CollectSummary"})
    void recordsWriteBackTheGoldenJson(String file, String type) throws Exception {
        JsonNode golden = Json.MAPPER.readTree(GoldenFoldersTest.GOLDEN.resolve(file).toFile());
        Object value = Json.MAPPER.treeToValue(golden, Class.forName(type));
        assertEquals(golden, Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(value)), file);
    }
}
