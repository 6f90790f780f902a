package io.hybench.jmh.harness;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybench.bench.client.ApiKind;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A long generated response body in the exact shape of a recorded stream (shared/fixtures/wire), one
 * content chunk per token: vLLM's OpenAI-compatible SSE ({@code chat.completion.chunk} with vLLM's extra
 * fields, a finish chunk, a usage chunk, {@code [DONE]}), Anthropic's named SSE events (message_start,
 * content_block_*, a ping, message_delta with usage, message_stop) and Ollama's NDJSON chat lines (a
 * {@code done:true} line with server timings). Token texts are random words, some with non-ASCII
 * letters so UTF-8 decoding is exercised. {@link #deliveries()} cuts the body as a server flushing
 * each event writes it: one delivery per event (per line for NDJSON).
 *
 * @param api           protocol shape
 * @param tokens        content chunks in the stream (one token each)
 * @param text          the token texts concatenated: what a client must reassemble
 * @param deliveries    the body, one array per server flush
 * @param bytes         total body length
 */
public record SyntheticStream(ApiKind api, int tokens, String text, List<byte[]> deliveries, long bytes) {
    private static final String[] WORDS = {" the", " of", " and", " model", " token", " stream", " latency", " café", " naïve",
            " Straße", " 東京", " —", ",", ".", " 42", " router", " cloud", " local", " answer", " is"};
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    public SyntheticStream {
        deliveries = List.copyOf(deliveries);
    }

    /** The whole body as one array. */
    public byte[] body() {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) bytes);
        for (byte[] d : deliveries) out.writeBytes(d);
        return out.toByteArray();
    }

    /** The body cut into reads of {@code size} bytes regardless of events, as a client draining a fast burst sees it. */
    public List<byte[]> reads(int size) {
        byte[] body = body();
        List<byte[]> out = new ArrayList<>(body.length / size + 1);
        for (int at = 0; at < body.length; at += size) out.add(Arrays.copyOfRange(body, at, Math.min(body.length, at + size)));
        return out;
    }

    public static SyntheticStream of(ApiKind api, int tokens, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> words = new ArrayList<>(tokens);
        for (int i = 0; i < tokens; i++) words.add(WORDS[random.nextInt(WORDS.length)]);
        List<String> events = switch (api) {
            case OPENAI -> vllmSse(words);
            case ANTHROPIC -> anthropicSse(words);
            case OLLAMA -> ollamaNdjson(words);
        };
        List<byte[]> deliveries = new ArrayList<>(events.size());
        long bytes = 0;
        for (String e : events) {
            byte[] b = e.getBytes(StandardCharsets.UTF_8);
            deliveries.add(b);
            bytes += b.length;
        }
        return new SyntheticStream(api, tokens, String.join("", words), deliveries, bytes);
    }

    private static List<String> vllmSse(List<String> words) {
        List<String> events = new ArrayList<>();
        String id = "chatcmpl-bcfbe349402eb3d2";
        long created = 1786479604L;
        String model = "meta-llama/Llama-3.1-8B-Instruct";
        ObjectNode first = chunk(id, created, model);
        ObjectNode c0 = first.putArray("choices").addObject().put("index", 0);
        c0.putObject("delta").put("role", "assistant").put("content", "");
        c0.putNull("logprobs");
        c0.putNull("finish_reason");
        first.putNull("prompt_token_ids");
        first.putNull("prompt_text");
        events.add(sse(null, first));
        for (String w : words) {
            ObjectNode chunk = chunk(id, created, model);
            ObjectNode c = chunk.putArray("choices").addObject().put("index", 0);
            c.putObject("delta").put("content", w);
            c.putNull("logprobs");
            c.putNull("finish_reason");
            c.putNull("token_ids");
            events.add(sse(null, chunk));
        }
        ObjectNode finish = chunk(id, created, model);
        ObjectNode cf = finish.putArray("choices").addObject().put("index", 0);
        cf.putObject("delta");
        cf.putNull("logprobs");
        cf.put("finish_reason", "length");
        cf.putNull("stop_reason");
        cf.putNull("token_ids");
        events.add(sse(null, finish));
        ObjectNode usage = chunk(id, created, model);
        usage.putArray("choices");
        usage.putObject("usage").put("prompt_tokens", 256).put("total_tokens", 256 + words.size())
                .put("completion_tokens", words.size()).putObject("prompt_tokens_details").put("cached_tokens", 0);
        usage.put("system_fingerprint", "vllm-0.24.0-tp1");
        events.add(sse(null, usage));
        events.add("data: [DONE]\n\n");
        return events;
    }

    private static ObjectNode chunk(String id, long created, String model) {
        return JSON.objectNode().put("id", id).put("object", "chat.completion.chunk").put("created", created).put("model", model);
    }

    private static List<String> anthropicSse(List<String> words) {
        List<String> events = new ArrayList<>();
        ObjectNode start = JSON.objectNode().put("type", "message_start");
        ObjectNode msg = start.putObject("message").put("id", "msg_4QpJur2dWWDjF6C758FbBw5vm12BaVipnK").put("type", "message")
                .put("role", "assistant");
        msg.putArray("content");
        msg.put("model", "claude-sonnet-4-5").putNull("stop_reason");
        msg.putNull("stop_sequence");
        msg.putObject("usage").put("input_tokens", 256).put("output_tokens", 1);
        events.add(sse("message_start", start));
        ObjectNode blockStart = JSON.objectNode().put("type", "content_block_start").put("index", 0);
        blockStart.putObject("content_block").put("type", "text").put("text", "");
        events.add(sse("content_block_start", blockStart));
        events.add(sse("ping", JSON.objectNode().put("type", "ping")));
        for (String w : words) {
            ObjectNode delta = JSON.objectNode().put("type", "content_block_delta").put("index", 0);
            delta.putObject("delta").put("type", "text_delta").put("text", w);
            events.add(sse("content_block_delta", delta));
        }
        events.add(sse("content_block_stop", JSON.objectNode().put("type", "content_block_stop").put("index", 0)));
        ObjectNode messageDelta = JSON.objectNode().put("type", "message_delta");
        messageDelta.putObject("delta").put("stop_reason", "max_tokens").putNull("stop_sequence");
        messageDelta.putObject("usage").put("output_tokens", words.size());
        events.add(sse("message_delta", messageDelta));
        events.add(sse("message_stop", JSON.objectNode().put("type", "message_stop")));
        return events;
    }

    private static List<String> ollamaNdjson(List<String> words) {
        List<String> lines = new ArrayList<>();
        long at = 216898458L;
        for (String w : words) {
            ObjectNode line = JSON.objectNode().put("model", "llama3.1:8b").put("created_at", "2024-07-02T11:45:16." + at + "Z");
            line.putObject("message").put("role", "assistant").put("content", w);
            line.put("done", false);
            lines.add(line + "\n");
            at += 10_000_000L;
        }
        ObjectNode done = JSON.objectNode().put("model", "llama3.1:8b").put("created_at", "2024-07-02T11:45:19.265598822Z");
        done.putObject("message").put("role", "assistant").put("content", "");
        done.put("done_reason", "length").put("done", true).put("total_duration", 2_958_123_571L).put("load_duration", 61_676_662L)
                .put("prompt_eval_count", 256).put("prompt_eval_duration", 34_847_000L).put("eval_count", words.size())
                .put("eval_duration", 2_381_751_000L);
        lines.add(done + "\n");
        return lines;
    }

    private static String sse(String event, ObjectNode data) {
        return (event == null ? "" : "event: " + event + "\n") + "data: " + data + "\n\n";
    }
}
