package io.hybench.bench.client.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybench.bench.client.ApiKey;
import io.hybench.bench.client.RecordBuilder;
import io.hybench.bench.client.TokenLogprob;
import io.hybench.bench.client.http.ErrorMapping;
import io.hybench.bench.client.http.WireJson;
import io.hybench.bench.client.sse.SseEvent;
import io.hybench.bench.client.sse.SseStreamParser;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads an OpenAI-compatible SSE stream ({@code chat.completion.chunk} or {@code text_completion}).
 * Content is non-empty {@code delta.content} / {@code text} (response text), non-empty
 * {@code delta.reasoning} / {@code reasoning_content} or {@code refusal}, or a tool-call fragment
 * with a name or argument text (content for timing, not text). Role-only and empty deltas, finish
 * chunks and the usage-only chunk ({@code choices: []}) are not content. {@code data: [DONE]} ends
 * the stream; {@code data: {"error":...}} or an {@code error} event is an in-stream error. The usage's
 * {@code prompt_tokens_details.cached_tokens} (OpenAI; vLLM with {@code --enable-prompt-tokens-details}) is the
 * record's cached input tokens.
 * <p>
 * A request for several choices ({@code n > 1}) streams them interleaved, told apart by {@code index}. The
 * record is choice 0's: its text, content chunks, logprobs and finish reason; the other choices' chunks are
 * recognised by their index and left out. The server's {@code usage.completion_tokens} then sums every choice, so
 * choice 0's tokens are counted from its own chunks (or logprobs) instead.
 */
public final class OpenAiStreamParser extends SseStreamParser {
    private static final String DONE = "[DONE]";

    /** Choices seen so far: the highest index plus one. */
    private int choicesSeen = 1;

    public OpenAiStreamParser(RecordBuilder rec, ApiKey key) {
        super(rec, key, DONE, "error"); // the end marker; an error event or an "error" object
    }

    @Override
    public String endMarker() {
        return "data: " + DONE;
    }

    @Override
    protected void onEvent(SseEvent e) {
        if (done) return;
        if (e.data().strip().equals(DONE)) {
            rec.ended(e.arrivalNanos());
            done = true;
            return;
        }
        JsonNode chunk = WireJson.object(e.data());
        JsonNode error = chunk.get("error");
        if (e.event().equals("error") || (error != null && !error.isNull())) {
            rec.fail(ErrorMapping.inStream(ErrorMapping.parse(e.data()), key), e.arrivalNanos());
            done = true;
            return;
        }
        JsonNode choices = chunk.get("choices");
        if (choices != null && choices.isArray()) {
            for (JsonNode choice : choices) onChoice(choice, e.arrivalNanos());
        }
        JsonNode usage = chunk.get("usage");
        if (usage != null && usage.isObject()) {
            Integer in = WireJson.intOrNull(usage, "prompt_tokens");
            Integer out = WireJson.intOrNull(usage, "completion_tokens");
            if (in != null) rec.serverInputTokens(in);
            rec.cachedInputTokens(WireJson.intOrNull(usage.get("prompt_tokens_details"), "cached_tokens"));
            if (out != null && choicesSeen == 1) rec.serverOutputTokens(out);
        }
    }

    private void onChoice(JsonNode choice, long arrivalNanos) {
        int index = choice.path("index").asInt(0);
        if (index != 0) {
            if (index >= choicesSeen) {
                choicesSeen = index + 1;
                rec.serverOutputTokens(null); // a usage figure already read counted every choice
            }
            return;
        }
        JsonNode delta = choice.get("delta");
        String text = delta != null ? WireJson.text(delta, "content") : WireJson.text(choice, "text");
        boolean content = !text.isEmpty()
                || (delta != null && (!WireJson.text(delta, "reasoning").isEmpty()
                || !WireJson.text(delta, "reasoning_content").isEmpty()
                || !WireJson.text(delta, "refusal").isEmpty()
                || hasToolCallFragment(delta.get("tool_calls"))));
        List<TokenLogprob> logprobs = logprobs(choice.get("logprobs"));
        rec.logprobs(logprobs);
        if (content) rec.content(arrivalNanos, text, Math.max(1, logprobs.size()));
        JsonNode finish = choice.get("finish_reason");
        if (finish != null && finish.isTextual()) rec.finishReason(finish.asText());
    }

    private static boolean hasToolCallFragment(JsonNode toolCalls) {
        if (toolCalls == null || !toolCalls.isArray()) return false;
        for (JsonNode call : toolCalls) {
            JsonNode fn = call.get("function");
            if (!WireJson.text(fn, "name").isEmpty() || !WireJson.text(fn, "arguments").isEmpty()) return true;
        }
        return false;
    }

    /** Chat shape {@code {"content":[...]}}, or the legacy completions shape {@code {"tokens","token_logprobs","top_logprobs"}}. */
    private static List<TokenLogprob> logprobs(JsonNode lp) {
        if (lp == null || !lp.isObject()) return List.of();
        if (lp.has("content")) return WireJson.tokenLogprobs(lp.get("content"));
        JsonNode tokens = lp.get("tokens");
        JsonNode values = lp.get("token_logprobs");
        if (tokens == null || !tokens.isArray() || values == null || !values.isArray()) return List.of();
        JsonNode tops = lp.get("top_logprobs");
        List<TokenLogprob> out = new ArrayList<>(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            List<TokenLogprob.Alternative> alts = new ArrayList<>();
            JsonNode top = tops != null && tops.isArray() ? tops.get(i) : null;
            if (top != null && top.isObject()) {
                for (Map.Entry<String, JsonNode> a : top.properties()) alts.add(new TokenLogprob.Alternative(a.getKey(), a.getValue().asDouble()));
            }
            out.add(new TokenLogprob(tokens.get(i).asText(), values.path(i).asDouble(), alts));
        }
        return out;
    }
}
