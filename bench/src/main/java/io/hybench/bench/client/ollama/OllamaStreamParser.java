package io.hybench.bench.client.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybench.bench.client.ApiKey;
import io.hybench.bench.client.RecordBuilder;
import io.hybench.bench.client.ServerTimings;
import io.hybench.bench.client.TokenLogprob;
import io.hybench.bench.client.http.BoundaryFramer;
import io.hybench.bench.client.http.ErrorMapping;
import io.hybench.bench.client.http.Frame;
import io.hybench.bench.client.http.FrameDecoder;
import io.hybench.bench.client.http.FramedStreamParser;
import io.hybench.bench.client.http.WireJson;
import io.hybench.bench.client.ndjson.NdjsonDecoder;
import io.hybench.bench.client.ndjson.NdjsonLine;

import java.util.List;
import java.util.function.Consumer;

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
    protected FrameDecoder protocolDecoder(Consumer<Frame> sink) {
        return new NdjsonDecoder(sink::accept);
    }

    @Override
    protected void onDecoded(Frame frame) {
        onLine((NdjsonLine) frame);
    }

    @Override
    public String endMarker() {
        return "a \"done\":true line";
    }

    private void onLine(NdjsonLine line) {
        if (done) return;
        JsonNode chunk = WireJson.object(line.text());
        long t = line.arrivalNanos();
        JsonNode error = chunk.get("error");
        if (error != null && !error.isNull()) {
            rec.fail(ErrorMapping.inStream(ErrorMapping.parse(line.text()), key), t);
            done = true;
            return;
        }
        JsonNode message = chunk.get("message");
        String text = message != null ? WireJson.text(message, "content") : WireJson.text(chunk, "response");
        String thinking = message != null ? WireJson.text(message, "thinking") : WireJson.text(chunk, "thinking");
        JsonNode toolCalls = message == null ? null : message.get("tool_calls");
        boolean content = !text.isEmpty() || !thinking.isEmpty() || (toolCalls != null && toolCalls.isArray() && !toolCalls.isEmpty());
        List<TokenLogprob> logprobs = WireJson.tokenLogprobs(chunk.get("logprobs"));
        rec.logprobs(logprobs);
        if (content) rec.content(t, text, Math.max(1, logprobs.size()));
        if (chunk.path("done").asBoolean(false)) finish(chunk, t);
    }

    private void finish(JsonNode chunk, long t) {
        String reason = WireJson.text(chunk, "done_reason");
        if (!reason.isEmpty()) rec.finishReason(reason);
        Integer promptEvalCount = WireJson.intOrNull(chunk, "prompt_eval_count");
        Integer evalCount = WireJson.intOrNull(chunk, "eval_count");
        rec.serverTimings(new ServerTimings(nanos(chunk, "total_duration"), nanos(chunk, "load_duration"),
                promptEvalCount, nanos(chunk, "prompt_eval_duration"), evalCount, nanos(chunk, "eval_duration")));
        if (promptEvalCount != null) rec.serverInputTokens(promptEvalCount);
        if (evalCount != null) rec.serverOutputTokens(evalCount);
        rec.ended(t);
        done = true;
    }

    private static long nanos(JsonNode chunk, String field) {
        return chunk.path(field).asLong(0);
    }
}
