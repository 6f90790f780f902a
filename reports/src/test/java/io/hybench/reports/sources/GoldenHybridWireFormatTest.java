package io.hybench.reports.sources;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybench.calibrate.hybrid.GradedRequest;
import io.hybench.calibrate.hybrid.HybridAnalysis;
import io.hybench.calibrate.hybrid.HybridSummary;
import io.hybench.core.mapper.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The hybrid records write back the golden hybrid folders: the same values and the same field order. Their
 * nesting is for readers of the code and must never show on the wire.
 */
class GoldenHybridWireFormatTest {
    /** Map-valued fields: their keys are data, not record fields, so their order is not part of the format. */
    private static final Set<String> MAPS = Set.of("routes", "byRoute");

    @ParameterizedTest
    @ValueSource(strings = {"hybrid", "hybrid-routed"})
    void hybridRecordsWriteBackTheGoldenFiles(String folder) throws Exception {
        Path dir = Path.of("src/test/resources/golden/v0.2.0").resolve(folder).resolve("bench");
        JsonNode summary = Json.MAPPER.readTree(dir.resolve(HybridAnalysis.SUMMARY).toFile());
        JsonNode written = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(Json.MAPPER.treeToValue(summary, HybridSummary.class)));
        assertEquals(summary, written);
        assertEquals(fieldOrder(summary, ""), fieldOrder(written, ""));
        for (String line : Files.readAllLines(dir.resolve(HybridAnalysis.REQUESTS))) {
            assertEquals(line, Json.MAPPER.writeValueAsString(Json.MAPPER.readValue(line, GradedRequest.class)));
        }
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
