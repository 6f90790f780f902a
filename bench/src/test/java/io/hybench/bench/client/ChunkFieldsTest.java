package io.hybench.bench.client;

import io.hybench.bench.client.anthropic.AnthropicStreamParser;
import io.hybench.bench.client.http.MalformedStreamException;
import io.hybench.bench.client.http.StreamParser;
import io.hybench.bench.client.ollama.OllamaStreamParser;
import io.hybench.bench.client.openai.OpenAiStreamParser;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chunks' JSON is read field by field (no tree), with the meaning Jackson's tree gave each value before: a
 * text field that is not a string is "", a count that is a float is truncated, a duration or flag written as a
 * string is read from it, a {@code delta}/{@code message} present as null still selects the chat shape, and a
 * frame broken anywhere, even after the fields used, fails whole with the message it had. Expected values are
 * worked out by hand from those rules (and were checked against the tree-based parsers they replace).
 */
class ChunkFieldsTest {
    private static RecordBuilder builder() {
        Target t = new Target("t", ApiKind.OPENAI, ServerFlavor.VLLM, URI.create("http://127.0.0.1:1"), "m", null);
        return new RecordBuilder(t, GenerationRequest.chat("r", "hi", 4), "/e", 0, false);
    }

    private static RequestRecord read(BiFunction<RecordBuilder, ApiKey, StreamParser> protocol, String body) {
        RecordBuilder rec = builder();
        StreamParser parser = protocol.apply(rec, ApiKey.none());
        parser.accept(body.getBytes(StandardCharsets.UTF_8), 5);
        parser.endOfStream(7);
        assertTrue(parser.done(), "the stream's end marker was read");
        return rec.build();
    }

    @Test
    void openAiLegacyCompletionLogprobsPairTokensValuesAndAlternatives() {
        RequestRecord r = read(OpenAiStreamParser::new, """
                data: {"choices":[{"text":"x","logprobs":{"tokens":["a","b"],"token_logprobs":[-0.5,"-1"],"top_logprobs":[{"a":-0.5,"c":-2},null]}}]}

                data: [DONE]

                """);
        assertEquals("x", r.reply().text());
        assertArrayEquals(new int[]{2}, r.timeline().chunkTokenCounts());
        assertEquals(List.of(
                new TokenLogprob("a", -0.5, List.of(new TokenLogprob.Alternative("a", -0.5), new TokenLogprob.Alternative("c", -2.0))),
                new TokenLogprob("b", -1.0, List.of())), r.reply().logprobs());
    }

    @Test
    void openAiChatLogprobsReadOddEntriesAsTheTreeDid() {
        RequestRecord r = read(OpenAiStreamParser::new, """
                data: {"choices":[{"delta":{"content":"y"},"logprobs":{"content":[{"token":"y","logprob":-0.1,"bytes":[121],"top_logprobs":[{"token":5,"logprob":null}]},7]}}]}

                data: [DONE]

                """);
        assertEquals(List.of(new TokenLogprob("y", -0.1, List.of(new TokenLogprob.Alternative("5", 0.0))),
                new TokenLogprob("", 0.0, List.of())), r.reply().logprobs());
    }

    @Test
    void openAiNullDeltaIsTheChatShapeAndNonStringContentIsNotContent() {
        RequestRecord r = read(OpenAiStreamParser::new, """
                data: {"choices":[{"index":0,"delta":null,"text":"not chat text"}]}

                data: {"choices":[{"index":"0","delta":{"content":7,"tool_calls":[{"function":{"name":""}}]}}]}

                data: {"choices":[{"delta":{"refusal":"no"}}],"usage":{"prompt_tokens":2.7,"completion_tokens":1e2,"prompt_tokens_details":{"cached_tokens":1}}}

                data: [DONE]

                """);
        assertEquals("", r.reply().text());
        assertEquals(1, r.timeline().chunkArrivalNanos().length, "only the refusal is content");
        assertEquals(2, r.tokens().inputTokens());
        assertEquals(100, r.tokens().outputTokens());
        assertEquals(1, r.tokens().cachedInputTokens());
    }

    @Test
    void aFrameBrokenAnywhereFailsWholeWithTheMessageItHad() {
        MalformedStreamException late = assertThrows(MalformedStreamException.class, () -> read(OpenAiStreamParser::new,
                "data: {\"choices\":[{\"delta\":{\"content\":\"a\"},\"bad\":[1,}]}\n\n"));
        assertTrue(late.getMessage().startsWith("frame is not valid JSON: "), late.getMessage());
        MalformedStreamException array = assertThrows(MalformedStreamException.class, () -> read(OpenAiStreamParser::new, "data: [1,2]\n\n"));
        assertEquals("frame is not a JSON object: [1,2]", array.getMessage());
        MalformedStreamException broken = assertThrows(MalformedStreamException.class, () -> read(OpenAiStreamParser::new, "data: [1,2\n\n"));
        assertEquals("frame is not valid JSON: [1,2", broken.getMessage());
    }

    @Test
    void anthropicNonObjectUsageAndMessageCountNothing() {
        RequestRecord r = read(AnthropicStreamParser::new, """
                event: message_start
                data: {"type":"message_start","message":null}

                event: content_block_delta
                data: {"delta":{"type":"text_delta","text":"typed by the event name"}}

                event: message_delta
                data: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":5}

                event: message_stop
                data: {}

                """);
        assertEquals("typed by the event name", r.reply().text());
        assertEquals("end_turn", r.reply().finishReason());
        assertEquals(null, r.tokens().inputTokens());
        assertEquals(TokenCountSource.CHUNKS, r.tokens().outputTokenSource());
    }

    @Test
    void ollamaReadsDoneAndDurationsWrittenAsStringsFloatsOrBooleans() {
        RequestRecord r = read(OllamaStreamParser::new, """
                {"message":null,"response":"not chat text","done":false}
                {"message":{"content":"","tool_calls":[{}]},"done":false}
                {"message":{"content":""},"done":"true","done_reason":"stop","total_duration":100,"load_duration":"20","prompt_eval_count":4,"prompt_eval_duration":3.5,"eval_count":2,"eval_duration":true}
                """);
        assertEquals("", r.reply().text());
        assertEquals(1, r.timeline().chunkArrivalNanos().length, "the tool call is content; the null message's response is not");
        assertEquals(new ServerTimings(100L, 20L, 4, 3L, 2, 1L), r.reply().serverTimings());
        assertEquals("stop", r.reply().finishReason());
        assertEquals(2, r.tokens().outputTokens());
    }
}
