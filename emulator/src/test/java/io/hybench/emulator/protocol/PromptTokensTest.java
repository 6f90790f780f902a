package io.hybench.emulator.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybench.core.mapper.Json;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The prompt the engine sees from a messages array: every message's text in order, tool results included. */
class PromptTokensTest {
    private static final String TURN_1 = """
            {"system":"Be brief and exact.","messages":[{"role":"user","content":"Find the file."}]}""";
    private static final String TURN_2 = """
            {"system":"Be brief and exact.","messages":[{"role":"user","content":"Find the file."},
             {"role":"assistant","content":[{"type":"text","text":"Looking."},{"type":"tool_use","id":"c1","name":"lookup","input":{}}]},
             {"role":"user","content":[{"type":"tool_result","tool_use_id":"c1","content":"main.c twelve kilobytes"},
              {"type":"text","text":"Open it."}]}]}""";

    @Test
    void anthropicToolResultsCountAsTextOfTheirUserTurn() throws Exception {
        JsonNode messages = Json.MAPPER.readTree(TURN_2).get("messages");
        assertEquals("main.c twelve kilobytesOpen it.", Wire.contentText(messages.get(2).get("content")));
        assertEquals("Looking.", Wire.contentText(messages.get(1).get("content")), "a tool_use call adds no text");
        assertEquals("Open it.", Wire.lastUserText(messages).substring("main.c twelve kilobytes".length()));
    }

    @Test
    void aLaterTurnsIdsStartWithTheEarlierTurnsSystemFirst() throws Exception {
        int[] one = PromptTokens.ids(Json.MAPPER.readTree(TURN_1), 13, 1).ids();
        int[] two = PromptTokens.ids(Json.MAPPER.readTree(TURN_2), 40, 2).ids();
        // system: 4 template + ceil(19/4) = 5 content ids; user: 4 + ceil(14/4) = 4, so the first turn is 9 + 4 = 13 ids
        assertArrayEquals(one, Arrays.copyOf(two, one.length), "the prefix cache can serve turn 2 from turn 1");
        int[] alone = PromptTokens.ids(Json.MAPPER.readTree("""
                {"messages":[{"role":"system","content":"Be brief and exact."},{"role":"user","content":"Find the file."}]}"""), 13, 3).ids();
        assertArrayEquals(one, alone, "Anthropic's top-level system prompt is read first, as OpenAI's system message");
    }
}
