package io.hybench.bench.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybench.bench.client.protocols.StreamingClients;
import io.hybench.bench.testing.ReplayServer;
import io.hybench.bench.testing.ReplayServer.Reply;
import io.hybench.core.mapper.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A conversation on the wire of each protocol: its roles, tool-call pairing and the completion template. */
class ConversationWireTest {
    private static final Conversation AGENT = new Conversation("Be brief.", List.of(
            new Conversation.User("Find the file."),
            new Conversation.Assistant("Looking.", "call_s-1_1"),
            new Conversation.ToolResult("call_s-1_1", "main.c 12 KB"),
            new Conversation.User("Open it.")));

    private static JsonNode sent(ApiKind api, boolean chat) throws Exception {
        try (ReplayServer s = ReplayServer.start(Reply.of(200, api == ApiKind.OLLAMA ? "application/x-ndjson" : "text/event-stream", ""))) {
            RunClock clock = RunClock.startingNow();
            Target t = new Target("t", api, ServerFlavor.impliedBy(api), s.uri(), "m", null);
            try (StreamingClient c = StreamingClients.create(t, WireFixtures.TEST_OPTIONS, clock, ApiKey.none())) {
                c.execute(GenerationRequest.of("r", AGENT, chat, GenerationRequest.Output.upTo(8)), clock.nanos());
            }
            return Json.MAPPER.readTree(s.requests().getFirst().body());
        }
    }

    @Test
    void openAiSendsRolesWithTheToolCallAndItsResultPairedById() throws Exception {
        JsonNode body = sent(ApiKind.OPENAI, true);
        assertEquals(Json.MAPPER.readTree("""
                [{"role":"system","content":"Be brief."},
                 {"role":"user","content":"Find the file."},
                 {"role":"assistant","content":"Looking.","tool_calls":[{"id":"call_s-1_1","type":"function",
                   "function":{"name":"lookup","arguments":"{}"}}]},
                 {"role":"tool","tool_call_id":"call_s-1_1","content":"main.c 12 KB"},
                 {"role":"user","content":"Open it."}]"""), body.get("messages"));
        assertFalse(body.has("tools"), "vLLM refuses tools without --enable-auto-tool-choice; history needs none");
    }

    @Test
    void anthropicPutsTheSystemPromptTopLevelAndTheToolResultFirstInTheNextUserTurn() throws Exception {
        JsonNode body = sent(ApiKind.ANTHROPIC, true);
        assertEquals("Be brief.", body.get("system").asText());
        assertEquals(Json.MAPPER.readTree("""
                [{"role":"user","content":"Find the file."},
                 {"role":"assistant","content":[{"type":"text","text":"Looking."},
                   {"type":"tool_use","id":"call_s-1_1","name":"lookup","input":{}}]},
                 {"role":"user","content":[{"type":"tool_result","tool_use_id":"call_s-1_1","content":"main.c 12 KB"},
                   {"type":"text","text":"Open it."}]}]"""), body.get("messages"));
        assertEquals("lookup", body.at("/tools/0/name").asText(), "tool_use blocks need their tool defined");
        assertEquals("object", body.at("/tools/0/input_schema/type").asText());
    }

    @Test
    void ollamaChatSendsRoleToolNamingTheTool() throws Exception {
        JsonNode body = sent(ApiKind.OLLAMA, true);
        assertEquals(Json.MAPPER.readTree("""
                [{"role":"system","content":"Be brief."},
                 {"role":"user","content":"Find the file."},
                 {"role":"assistant","content":"Looking.","tool_calls":[{"function":{"name":"lookup","arguments":{}}}]},
                 {"role":"tool","content":"main.c 12 KB","tool_name":"lookup"},
                 {"role":"user","content":"Open it."}]"""), body.get("messages"));
    }

    @Test
    void completionAndGenerateEndpointsGetTheTemplate() throws Exception {
        String text = "System: Be brief.\n\nUser: Find the file.\n\nAssistant: Looking.\n\nTool result: main.c 12 KB\n\nUser: Open it.";
        assertEquals(text, AGENT.completionText());
        assertEquals(text, sent(ApiKind.OPENAI, false).get("prompt").asText());
        assertEquals(text, sent(ApiKind.OLLAMA, false).get("prompt").asText());
    }

    @Test
    void aLonePromptIsSentAsItIsAndEveryTurnExtendsTheLastOnesText() {
        assertEquals("Say hi", Conversation.of("Say hi").completionText());
        Conversation one = Conversation.of("Find the file.");
        Conversation two = one.with(new Conversation.Assistant("Looking.", null), new Conversation.User("Open it."));
        assertEquals("Find the file.\n\nAssistant: Looking.\n\nUser: Open it.", two.completionText());
        assertTrue(two.completionText().startsWith(one.completionText()));
    }

    @Test
    void aToolResultMustAnswerTheCallJustBeforeIt() {
        assertThrows(IllegalArgumentException.class, () -> Conversation.of("a").with(new Conversation.Assistant("b", "call_1"),
                new Conversation.ToolResult("call_2", "c"), new Conversation.User("d")));
        assertThrows(IllegalArgumentException.class, () -> Conversation.of("a").with(new Conversation.Assistant("b", null)),
                "a conversation ends with the user's message");
    }
}
