package io.hybench.bench.client.ollama;

import com.fasterxml.jackson.core.JsonParser;
import io.hybench.bench.client.ApiKey;
import io.hybench.bench.client.RecordBuilder;
import io.hybench.bench.client.ServerTimings;
import io.hybench.bench.client.TokenLogprob;
import io.hybench.bench.client.http.BoundaryFramer;
import io.hybench.bench.client.http.ErrorMapping;
import io.hybench.bench.client.http.FrameDecoder;
import io.hybench.bench.client.http.FramedStreamParser;
import io.hybench.bench.client.http.WireJson;
import io.hybench.bench.client.ndjson.NdjsonDecoder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads Ollama's native NDJSON stream ({@code /api/chat} or {@code /api/generate}). Content: non-empty
 * {@code message.content} / {@code response} (response text), {@code thinking}, or tool calls (timing
 * only). The {@code "done":true} line ends the stream and carries {@code done_reason} and the server
 * timings; Ollama omits zero-valued metrics, so an absent duration is 0 and an absent count is unknown.
 * A {@code {"error":...}} line is an in-stream error.
 */
public final class OllamaStreamParser extends FramedStreamParser {
    public OllamaStreamParser(RecordBuilder rec, ApiKey key) {
        // Ollama writes compact JSON; a server that spaces "done": true is read when its body ends.
        super(rec, key, "\"done\":true", "\"error\"");
    }

    @Override
    protected BoundaryFramer.Boundary boundary() {
        return BoundaryFramer.Boundary.LINE;
    }

    @Override
    protected FrameDecoder protocolDecoder() {
        return new NdjsonDecoder(this::onLine);
    }

    @Override
    public String endMarker() {
        return "a \"done\":true line";
    }

    /** One line, {@code line} valid during the call (see {@link NdjsonDecoder.Listener}). */
    private void onLine(byte[] line, int offset, int length, long t) {
        if (done) return;
        Chunk chunk = json.object(line, offset, length, Chunk::new);
        if (chunk.error) {
            rec.fail(ErrorMapping.inStream(ErrorMapping.parse(new String(line, offset, length, StandardCharsets.UTF_8)), key), t);
            done = true;
            return;
        }
        String text = chunk.hasMessage ? chunk.messageContent : chunk.response;
        String thinking = chunk.hasMessage ? chunk.messageThinking : chunk.thinking;
        boolean content = !text.isEmpty() || !thinking.isEmpty() || chunk.toolCalls;
        rec.logprobs(chunk.logprobs);
        if (content) rec.content(t, text, Math.max(1, chunk.logprobs.size()));
        if (chunk.done) finish(chunk, t);
    }

    private void finish(Chunk chunk, long t) {
        if (!chunk.doneReason.isEmpty()) rec.finishReason(chunk.doneReason);
        rec.serverTimings(new ServerTimings(chunk.totalDuration, chunk.loadDuration, chunk.promptEvalCount,
                chunk.promptEvalDuration, chunk.evalCount, chunk.evalDuration));
        if (chunk.promptEvalCount != null) rec.serverInputTokens(chunk.promptEvalCount);
        if (chunk.evalCount != null) rec.serverOutputTokens(chunk.evalCount);
        rec.ended(t);
        done = true;
    }

    /**
     * What one line says, read field by field; acted on once the whole line parsed. {@code message} present in
     * any form (even null) means the chat shape, whose text is {@code message.content}.
     */
    private static final class Chunk implements WireJson.FieldReader {
        boolean error;
        boolean hasMessage;
        String messageContent = "";
        String messageThinking = "";
        boolean toolCalls; // message.tool_calls is a non-empty array
        String response = "";
        String thinking = "";
        List<TokenLogprob> logprobs = List.of();
        boolean done;
        String doneReason = "";
        Integer promptEvalCount;
        Integer evalCount;
        long totalDuration;
        long loadDuration;
        long promptEvalDuration;
        long evalDuration;

        @Override
        public void field(String name, JsonParser p) throws IOException {
            switch (name) {
                case "error" -> error = WireJson.nonNull(p);
                case "message" -> {
                    hasMessage = true;
                    messageContent = messageThinking = "";
                    toolCalls = false;
                    WireJson.fields(p, this::messageField);
                }
                case "response" -> response = WireJson.text(p);
                case "thinking" -> thinking = WireJson.text(p);
                case "logprobs" -> logprobs = WireJson.tokenLogprobs(p);
                case "done" -> done = WireJson.asBoolean(p);
                case "done_reason" -> doneReason = WireJson.text(p);
                case "prompt_eval_count" -> promptEvalCount = WireJson.intOrNull(p);
                case "eval_count" -> evalCount = WireJson.intOrNull(p);
                case "total_duration" -> totalDuration = WireJson.asLong(p);
                case "load_duration" -> loadDuration = WireJson.asLong(p);
                case "prompt_eval_duration" -> promptEvalDuration = WireJson.asLong(p);
                case "eval_duration" -> evalDuration = WireJson.asLong(p);
                default -> p.skipChildren();
            }
        }

        private void messageField(String name, JsonParser p) throws IOException {
            switch (name) {
                case "content" -> messageContent = WireJson.text(p);
                case "thinking" -> messageThinking = WireJson.text(p);
                case "tool_calls" -> {
                    boolean[] any = {false};
                    WireJson.elements(p, call -> {
                        any[0] = true;
                        call.skipChildren();
                    });
                    toolCalls = any[0];
                }
                default -> p.skipChildren();
            }
        }
    }
}
