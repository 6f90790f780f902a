package io.hybench.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybench.core.mapper.Json;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static io.hybench.emulator.EmulatorWireTest.json;
import static io.hybench.emulator.EmulatorWireTest.post;
import static io.hybench.emulator.EmulatorWireTest.sseData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cloud-like emulator's prompt cache on the wire: Anthropic's explicit breakpoints, OpenAI's automatic caching. */
class CloudCachingWireTest {
    /** About 1,500 tokens of text (4 bytes a token), the same for every call with the same seed. */
    private static String text(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 6000) sb.append("w").append(r.nextInt(100_000)).append(' ');
        return sb.toString();
    }

    private static ObjectNode block(String text, boolean marked) {
        ObjectNode b = Json.MAPPER.createObjectNode().put("type", "text").put("text", text);
        if (marked) b.putObject("cache_control").put("type", "ephemeral");
        return b;
    }

    private static ObjectNode anthropic(boolean stream, String... turns) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("model", "frontier-test").put("max_tokens", 8).put("stream", stream);
        body.putArray("system").add(block(text(1), true));
        ArrayNode messages = body.putArray("messages");
        for (int i = 0; i < turns.length; i++) {
            ObjectNode m = messages.addObject().put("role", i % 2 == 0 ? "user" : "assistant");
            m.putArray("content").add(block(turns[i], i == turns.length - 1));
        }
        return body;
    }

    private static JsonNode startUsage(String sse) throws Exception {
        return sseData(sse).get(0).path("message").path("usage");
    }

    @Test
    void anthropicReadsTheConversationItCachedAtTheLastTurnsBreakpoint() throws Exception {
        try (Emulator e = Emulator.start(TestProfiles.cloud(0, 0), 0, 7)) {
            JsonNode first = startUsage(post(e, "/v1/messages", anthropic(true, "first question " + text(2)).toString()).body());
            assertEquals(0, first.path("cache_read_input_tokens").asInt(), first.toString());
            int written = first.path("cache_creation_input_tokens").asInt();
            assertTrue(written > 1024, "system and first message written: " + first);
            assertEquals(0, first.path("input_tokens").asInt(), "nothing follows the last breakpoint: " + first);
            assertEquals(written, first.path("cache_creation").path("ephemeral_5m_input_tokens").asInt());

            JsonNode second = startUsage(post(e, "/v1/messages",
                    anthropic(true, "first question " + text(2), "an answer", "second question").toString()).body());
            assertEquals(written, second.path("cache_read_input_tokens").asInt(), "turn 1's prefix is read: " + second);
            assertTrue(second.path("cache_creation_input_tokens").asInt() > 0, "the new turns are written: " + second);

            String whole = post(e, "/v1/messages", anthropic(false, "first question " + text(2), "an answer", "second question").toString()).body();
            JsonNode usage = json(whole).path("usage");
            assertEquals(written + second.path("cache_creation_input_tokens").asInt(), usage.path("cache_read_input_tokens").asInt(),
                    "a repeat reads everything up to its last breakpoint: " + usage);
            assertEquals(0, usage.path("cache_creation_input_tokens").asInt());

            ObjectNode other = anthropic(true, "first question " + text(2));
            other.put("model", "frontier-test");
            var alone = post(e, "/v1/messages", other.toString(), "x-api-key", "another-organisation");
            assertEquals(0, startUsage(alone.body()).path("cache_read_input_tokens").asInt(), "caches are per organisation");
        }
    }

    @Test
    void anthropicRefusesMoreThanFourBreakpoints() throws Exception {
        try (Emulator e = Emulator.start(TestProfiles.cloud(0, 0), 0, 7)) {
            ObjectNode body = anthropic(false, "a", "b", "c", "d", "e");
            for (JsonNode m : body.path("messages")) ((ObjectNode) m.path("content").get(0)).putObject("cache_control").put("type", "ephemeral");
            var r = post(e, "/v1/messages", body.toString());
            assertEquals(400, r.statusCode());
            assertEquals("A maximum of 4 blocks with cache_control may be provided. Found 6.", json(r.body()).path("error").path("message").asText());
        }
    }

    @Test
    void openAiCachesEveryLongPromptIn128TokenStepsAndReportsItInTheUsageChunk() throws Exception {
        try (Emulator e = Emulator.start(TestProfiles.cloud(0, 0), 0, 7)) {
            ObjectNode body = Json.MAPPER.createObjectNode().put("model", "frontier-test").put("max_tokens", 8).put("stream", true);
            body.putObject("stream_options").put("include_usage", true);
            body.putArray("messages").addObject().put("role", "user").put("content", text(3));
            JsonNode miss = usageChunk(post(e, "/v1/chat/completions", body.toString()).body());
            JsonNode hit = usageChunk(post(e, "/v1/chat/completions", body.toString()).body());
            int prompt = hit.path("prompt_tokens").asInt();
            assertEquals(0, miss.path("prompt_tokens_details").path("cached_tokens").asInt(), miss.toString());
            assertEquals(1024 + (prompt - 1024) / 128 * 128, hit.path("prompt_tokens_details").path("cached_tokens").asInt(),
                    "the repeat hits every whole 128-token step: " + hit);
        }
    }

    private static JsonNode usageChunk(String sse) throws Exception {
        for (JsonNode d : sseData(sse)) if (d.path("usage").isObject()) return d.path("usage");
        throw new AssertionError("no usage chunk in " + sse);
    }
}
