package io.hybench.bench.client;

import io.hybench.bench.client.WireFixtures.Expected;
import io.hybench.bench.testing.ReplayServer.Reply;
import io.hybench.core.mapper.Json;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Prompt-cache counts read from the usage of real recorded streams (all report 0 cached tokens) and of hand-written
 * streams of the documented shapes (OpenAI {@code usage.prompt_tokens_details.cached_tokens}, Anthropic
 * {@code cache_read_input_tokens} / {@code cache_creation_input_tokens} in {@code message_start} and the cumulative
 * {@code message_delta}); absent counts stay null and out of the written line.
 */
class CachedTokensTest {
    private static final String SSE = "text/event-stream; charset=utf-8";

    private static Expected fixture(String file) {
        return WireFixtures.ALL.stream().filter(f -> f.file().equals(file)).findFirst().orElseThrow();
    }

    private static RequestRecord.Tokens replay(Expected fx) {
        return WireFixtureReplayTest.replay(fx, Reply.of(200, fx.contentType(), fx.bytes())).tokens();
    }

    private static RequestRecord.Tokens replay(ApiKind api, ServerFlavor flavor, String body) {
        Expected fx = new Expected("hand-written", api, flavor, SSE, "", 0, null, null, 0, null, null);
        RequestRecord r = WireFixtureReplayTest.replay(fx, Reply.of(200, SSE, body));
        assertNull(r.error(), () -> String.valueOf(r.error()));
        return r.tokens();
    }

    @Test
    void recordedStreamsReportZeroCachedTokensWhereTheirUsageCarriesTheField() {
        RequestRecord.Tokens vllm = replay(fixture("vllm-sse-pydantic-ai-1-crusoe-vllm0.24-usage.txt"));
        assertEquals(46, vllm.inputTokens());
        assertEquals(0, vllm.cachedInputTokens());
        assertNull(vllm.cacheWriteInputTokens());
        assertEquals(0, replay(fixture("openai-sse-pydantic-ai-5-obfuscation-usage-null.txt")).cachedInputTokens());
        RequestRecord.Tokens anthropic = replay(fixture("anthropic-sse-anthropic-sdk-python-2-tool-use.txt"));
        assertEquals(377, anthropic.inputTokens());
        assertEquals(0, anthropic.cachedInputTokens());
        assertEquals(0, anthropic.cacheWriteInputTokens());
    }

    @Test
    void streamsWithoutCacheFieldsLeaveThemNullAndOutOfTheLine() throws Exception {
        RequestRecord.Tokens ollama = replay(fixture("ollama-ndjson-semantic-kernel-1-chat-stream.txt"));
        assertNull(ollama.cachedInputTokens());
        assertNull(ollama.cacheWriteInputTokens());
        String line = Json.MAPPER.writeValueAsString(new RequestRecord("r", new RequestRecord.Destination("t", ApiKind.OLLAMA, "m", "/"),
                new RequestRecord.Timeline(0, 0, null, null, new long[0], new int[0], 1), ollama, RequestRecord.Reply.ofText(""), null, null));
        assertFalse(line.contains("cache"), line);
        assertNull(Json.MAPPER.readValue(line, RequestRecord.class).tokens().cachedInputTokens());
    }

    @Test
    void openAiCachedTokensComeFromTheUsageChunk() throws Exception {
        String body = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":null}]}\n\n"
                + "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
                + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":2006,\"completion_tokens\":1,\"total_tokens\":2007,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":1920,\"audio_tokens\":0}}}\n\n"
                + "data: [DONE]\n\n";
        RequestRecord.Tokens t = replay(ApiKind.OPENAI, ServerFlavor.VLLM, body);
        assertEquals(2006, t.inputTokens());
        assertEquals(1920, t.cachedInputTokens());
        assertNull(t.cacheWriteInputTokens());
        String json = Json.MAPPER.writeValueAsString(t);
        assertTrue(json.contains("\"cachedInputTokens\":1920") && !json.contains("cacheWrite"), json);
        assertEquals(t, Json.MAPPER.readValue(json, RequestRecord.Tokens.class));
    }

    @Test
    void anthropicCacheCountsComeFromMessageStartAndTheCumulativeMessageDelta() {
        String start = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\","
                + "\"role\":\"assistant\",\"model\":\"m\",\"content\":[],\"usage\":{\"input_tokens\":21,"
                + "\"cache_creation_input_tokens\":188,\"cache_read_input_tokens\":1800,\"output_tokens\":1}}}\n\n"
                + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
                + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}\n\n"
                + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n";
        String stop = "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
        RequestRecord.Tokens startOnly = replay(ApiKind.ANTHROPIC, ServerFlavor.ANTHROPIC, start
                + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":2}}\n\n" + stop);
        assertEquals(21 + 188 + 1800, startOnly.inputTokens());
        assertEquals(1800, startOnly.cachedInputTokens());
        assertEquals(188, startOnly.cacheWriteInputTokens());

        RequestRecord.Tokens withDelta = replay(ApiKind.ANTHROPIC, ServerFlavor.ANTHROPIC, start
                + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"input_tokens\":21,"
                + "\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":1988,\"output_tokens\":2}}\n\n" + stop);
        assertEquals(21 + 1988, withDelta.inputTokens());
        assertEquals(1988, withDelta.cachedInputTokens());
        assertEquals(0, withDelta.cacheWriteInputTokens());
    }
}
