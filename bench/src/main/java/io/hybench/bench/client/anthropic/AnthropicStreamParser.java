package io.hybench.bench.client.anthropic;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.hybench.bench.client.ApiKey;
import io.hybench.bench.client.RecordBuilder;
import io.hybench.bench.client.http.ErrorMapping;
import io.hybench.bench.client.http.WireJson;
import io.hybench.bench.client.sse.SseStreamParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

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
    protected void onEvent(String event, byte[] data, int offset, int length, long t) {
        if (done) return;
        Event ev = json.object(data, offset, length, Event::new);
        String type = ev.type.isEmpty() ? event : ev.type;
        switch (type) {
            case "message_start" -> usage(ev.messageUsage);
            case "content_block_delta" -> {
                switch (ev.deltaType) {
                    case "text_delta" -> {
                        if (!ev.text.isEmpty()) rec.content(t, ev.text, 1);
                    }
                    case "thinking_delta" -> {
                        if (!ev.thinking.isEmpty()) rec.content(t, "", 1);
                    }
                    case "input_json_delta" -> {
                        if (!ev.partialJson.isEmpty()) rec.content(t, "", 1);
                    }
                    default -> {
                        // signature_delta, citations_delta: metadata, not generated tokens
                    }
                }
            }
            case "message_delta" -> {
                if (!ev.stopReason.isEmpty()) rec.finishReason(ev.stopReason);
                if (ev.usage.out != null) rec.serverOutputTokens(ev.usage.out);
                usage(ev.usage);
            }
            case "message_stop" -> {
                rec.ended(t);
                done = true;
            }
            case "error" -> {
                rec.fail(ErrorMapping.inStream(ErrorMapping.parse(new String(data, offset, length, StandardCharsets.UTF_8)), key), t);
                done = true;
            }
            default -> {
                // ping, content_block_start/stop and event types added later are ignored, as the API asks
            }
        }
    }

    /** A {@code message_start} or {@code message_delta} usage: input and cache counts, cumulative, the latest kept. */
    private void usage(Usage usage) {
        if (usage.in != null) rec.serverInputTokens(usage.in + orZero(usage.write) + orZero(usage.read));
        rec.cachedInputTokens(usage.read);
        rec.cacheWriteInputTokens(usage.write);
    }

    private static int orZero(Integer n) {
        return n == null ? 0 : n;
    }

    /** The fields of an event this parser uses, read field by field; acted on once the whole frame parsed. */
    private static final class Event implements WireJson.FieldReader {
        String type = "";
        Usage messageUsage = Usage.NONE; // message_start's message.usage
        String deltaType = "";
        String text = "";
        String thinking = "";
        String partialJson = "";
        String stopReason = "";
        Usage usage = Usage.NONE;        // message_delta's usage

        @Override
        public void field(String name, JsonParser p) throws IOException {
            switch (name) {
                case "type" -> type = WireJson.text(p);
                case "message" -> {
                    messageUsage = Usage.NONE;
                    WireJson.fields(p, (f, v) -> {
                        if (f.equals("usage")) messageUsage = Usage.read(v);
                        else v.skipChildren();
                    });
                }
                case "delta" -> {
                    deltaType = text = thinking = partialJson = stopReason = "";
                    WireJson.fields(p, this::deltaField);
                }
                case "usage" -> usage = Usage.read(p);
                default -> p.skipChildren();
            }
        }

        private void deltaField(String name, JsonParser p) throws IOException {
            switch (name) {
                case "type" -> deltaType = WireJson.text(p);
                case "text" -> text = WireJson.text(p);
                case "thinking" -> thinking = WireJson.text(p);
                case "partial_json" -> partialJson = WireJson.text(p);
                case "stop_reason" -> stopReason = WireJson.text(p);
                default -> p.skipChildren();
            }
        }
    }

    /** A usage object's counts; all null when absent or not an object. */
    private static final class Usage {
        static final Usage NONE = new Usage();

        Integer in;
        Integer out;
        Integer read;
        Integer write;

        static Usage read(JsonParser p) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
                return NONE;
            }
            Usage u = new Usage();
            WireJson.fields(p, (name, v) -> {
                switch (name) {
                    case "input_tokens" -> u.in = WireJson.intOrNull(v);
                    case "output_tokens" -> u.out = WireJson.intOrNull(v);
                    case "cache_read_input_tokens" -> u.read = WireJson.intOrNull(v);
                    case "cache_creation_input_tokens" -> u.write = WireJson.intOrNull(v);
                    default -> v.skipChildren();
                }
            });
            return u;
        }
    }
}
