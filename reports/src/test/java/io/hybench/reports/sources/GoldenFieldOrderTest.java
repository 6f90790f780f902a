package io.hybench.reports.sources;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybench.calibrate.CalibrationResult;
import io.hybench.calibrate.hybrid.GradedRequest;
import io.hybench.calibrate.hybrid.HybridAnalysis;
import io.hybench.calibrate.hybrid.HybridSummary;
import io.hybench.core.mapper.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Records nested for readers of the code write back the golden files with the same values in the same field
 * order ({@link GoldenWireFormatTest} compares values only): their nesting must never show on the wire.
 */
class GoldenFieldOrderTest {
    /** Map-valued fields: their keys are data, not record fields, so their order is not part of the format. */
    private static final Set<String> MAPS = Set.of("routes", "byRoute", "maps", "emulated");

    @ParameterizedTest
    @ValueSource(strings = {"hybrid", "hybrid-routed"})
    void hybridRecordsWriteBackTheGoldenFiles(String folder) throws Exception {
        Path dir = Path.of("src/test/resources/golden/v0.2.0").resolve(folder).resolve("bench");
        writesBack(Json.MAPPER.readTree(dir.resolve(HybridAnalysis.SUMMARY).toFile()), HybridSummary.class);
        for (String line : Files.readAllLines(dir.resolve(HybridAnalysis.REQUESTS))) {
            assertEquals(line, Json.MAPPER.writeValueAsString(Json.MAPPER.readValue(line, GradedRequest.class)));
        }
    }

    @Test
    void calibrationResultWritesBackTheGoldenSummary() throws Exception {
        writesBack(Json.MAPPER.readTree(GoldenWireFormatTest.GOLDEN_CALIBRATION.resolve("summary.json").toFile()), CalibrationResult.class);
    }

    private static void writesBack(JsonNode golden, Class<?> type) throws Exception {
        JsonNode written = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(Json.MAPPER.treeToValue(golden, type)));
        assertEquals(golden, written);
        assertEquals(fieldOrder(golden, ""), fieldOrder(written, ""));
    }

    /** Every object's field names in order, a map's sorted. */
    private static List<String> fieldOrder(JsonNode node, String name) {
        List<String> out = new ArrayList<>();
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            if (MAPS.contains(name)) names.sort(null);
            out.add(String.join(",", names));
            for (String n : names) out.addAll(fieldOrder(node.get(n), MAPS.contains(name) ? "" : n));
        } else if (node.isArray()) {
            node.forEach(e -> out.addAll(fieldOrder(e, "")));
        }
        return out;
    }
}
