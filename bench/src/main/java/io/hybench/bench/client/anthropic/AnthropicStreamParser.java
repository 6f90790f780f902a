package io.hybench.bench.client.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybench.bench.client.ApiKey;
import io.hybench.bench.client.RecordBuilder;
import io.hybench.bench.client.http.ErrorMapping;
import io.hybench.bench.client.http.WireJson;
import io.hybench.bench.client.sse.SseEvent;
import io.hybench.bench.client.sse.SseStreamParser;

/**
 * Reads an Anthropic Messages SSE stream. Content: non-empty {@code text_delta} (response text),
 * {@code thinking_delta} and {@code input_json_delta} (timing only). Input tokens come from
 * {@code message_start} (input + cache creation + cache read, so the count covers the whole prompt
 * as OpenAI's {@code prompt_tokens} does); output tokens from the last {@code message_delta}, whose
 * usage is cumulative (never summed). {@code cache_read_input_tokens} and {@code cache_creation_input_tokens}
 * (either event; the later wins) are the record's cached and cache-write input tokens. {@code message_stop} ends the stream; {@code error} is an
 * in-stream error; {@code ping} and unknown events are ignored.
 */
public final class AnthropicStreamParser extends SseStreamParser {
    public AnthropicStreamParser(RecordBuilder rec, ApiKey key) {
        super(rec, key, "message_stop", "error");
    }

    @Override
    public String endMarker() {
        return "event: message_stop";
    }

    @Override
    protected void onEvent(SseEvent e) {
        if (done) return;
        JsonNode ev = WireJson.object(e.data());
        String type = WireJson.text(ev, "type");
        if (type.isEmpty()) type = e.event();
        long t = e.arrivalNanos();
        switch (type) {
            case "message_start" -> {
                usage(ev.path("message").get("usage"));
            }
            case "content_block_delta" -> {
                JsonNode delta = ev.get("delta");
                switch (WireJson.text(delta, "type")) {
                    case "text_delta" -> {
                        String text = WireJson.text(delta, "text");
                        if (!text.isEmpty()) rec.content(t, text, 1);
                    }
                    case "thinking_delta" -> {
                        if (!WireJson.text(delta, "thinking").isEmpty()) rec.content(t, "", 1);
                    }
                    case "input_json_delta" -> {
                        if (!WireJson.text(delta, "partial_json").isEmpty()) rec.content(t, "", 1);
                    }
                    default -> {
                        // signature_delta, citations_delta: metadata, not generated tokens
                    }
                }
            }
            case "message_delta" -> {
                String stop = WireJson.text(ev.get("delta"), "stop_reason");
                if (!stop.isEmpty()) rec.finishReason(stop);
                JsonNode usage = ev.get("usage");
                Integer out = WireJson.intOrNull(usage, "output_tokens");
                if (out != null) rec.serverOutputTokens(out);
                usage(usage);
            }
            case "message_stop" -> {
                rec.ended(t);
                done = true;
            }
            case "error" -> {
                rec.fail(ErrorMapping.inStream(ErrorMapping.parse(e.data()), key), t);
                done = true;
            }
            default -> {
                // ping, content_block_start/stop and event types added later are ignored, as the API asks
            }
        }
    }

    /** A {@code message_start} or {@code message_delta} usage: input and cache counts, cumulative, the latest kept. */
    private void usage(JsonNode usage) {
        Integer read = WireJson.intOrNull(usage, "cache_read_input_tokens");
        Integer write = WireJson.intOrNull(usage, "cache_creation_input_tokens");
        Integer in = WireJson.intOrNull(usage, "input_tokens");
        if (in != null) rec.serverInputTokens(in + orZero(write) + orZero(read));
        rec.cachedInputTokens(read);
        rec.cacheWriteInputTokens(write);
    }

    private static int orZero(Integer n) {
        return n == null ? 0 : n;
    }
}
