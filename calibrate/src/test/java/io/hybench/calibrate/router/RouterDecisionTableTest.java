package io.hybench.calibrate.router;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybench.core.mapper.Json;
import io.hybench.calibrate.export.RouterSpec;
import io.hybench.calibrate.policy.Route;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The shared decision table (src/test/resources/router/decision-cases.json) against HybridRouter and SpillOver. */
public class RouterDecisionTableTest {
    /** The table's path from a module directory (the route tests read it from their own module too). */
    public static final Path TABLE = Path.of("..", "calibrate", "src", "test", "resources", "router", "decision-cases.json");

    public static JsonNode table() throws IOException {
        return Json.MAPPER.readTree(TABLE.toFile());
    }

    public static RouterSpec spec(JsonNode table, String name) throws IOException {
        return Json.MAPPER.treeToValue(table.path("specs").path(name), RouterSpec.class);
    }

    /** The case's local-answer confidence: the mean of its token logprobs, or the given value; NaN when it has neither. */
    public static double confidence(JsonNode c) {
        if (c.has("tokenLogprobs")) {
            double[] lps = StreamSupport.stream(c.get("tokenLogprobs").spliterator(), false).mapToDouble(JsonNode::asDouble).toArray();
            return Confidence.meanTokenLogprob(lps);
        }
        return c.has("confidence") ? c.get("confidence").asDouble() : Double.NaN;
    }

    /** The decision as HybridRouter takes it: pre-router first, then the cascade on the local answer. */
    static String decide(HybridRouter router, JsonNode c) {
        try {
            if (router.hasPreRouter() && router.beforeGeneration(c.get("routerScore").asDouble()) == Route.CLOUD) return "cloud";
            if (!router.hasCascade()) return "local";
            return router.afterLocalAnswer(confidence(c)).name().toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException noScore) {
            return "error";
        }
    }

    @TestFactory
    List<DynamicTest> everyCaseDecidesAsTheTableSays() throws IOException {
        JsonNode table = table();
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : table.path("cases")) {
            String expect = c.get("expect").asText();
            if (c.has("spill")) {
                JsonNode s = c.get("spill");
                SpillOver rule = new SpillOver(s.get("maxInFlight").asInt(), s.get("maxQueueMs").asLong());
                tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> assertEquals(expect,
                        rule.decide(s.get("inFlight").asInt(), s.get("waitedMs").asLong()).name().toLowerCase(Locale.ROOT))));
            } else {
                HybridRouter router = HybridRouter.of(spec(table, c.get("spec").asText()));
                tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> assertEquals(expect, decide(router, c))));
            }
        }
        assertEquals(18, tests.size(), "cases in the table");
        return tests;
    }
}
