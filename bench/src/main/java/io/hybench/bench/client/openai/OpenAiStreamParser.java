package io.hybench.bench.client.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.hybench.bench.client.ApiKey;
import io.hybench.bench.client.RecordBuilder;
import io.hybench.bench.client.TokenLogprob;
import io.hybench.bench.client.http.ErrorMapping;
import io.hybench.bench.client.http.WireJson;
import io.hybench.bench.client.sse.SseStreamParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

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
    protected void onEvent(String event, byte[] data, int offset, int length, long arrivalNanos) {
        if (done) return;
        if (!WireJson.startsObject(data, offset, length) && new String(data, offset, length, StandardCharsets.UTF_8).strip().equals(DONE)) {
            rec.ended(arrivalNanos);
            done = true;
            return;
        }
        Chunk chunk = json.object(data, offset, length, Chunk::new);
        if (event.equals("error") || chunk.error) {
            rec.fail(ErrorMapping.inStream(ErrorMapping.parse(new String(data, offset, length, StandardCharsets.UTF_8)), key), arrivalNanos);
            done = true;
            return;
        }
        for (Choice choice : chunk.choices) onChoice(choice, arrivalNanos);
        Usage usage = chunk.usage;
        if (usage != null) {
            if (usage.in != null) rec.serverInputTokens(usage.in);
            rec.cachedInputTokens(usage.cached);
            if (usage.out != null && choicesSeen == 1) rec.serverOutputTokens(usage.out);
        }
    }

    private void onChoice(Choice choice, long arrivalNanos) {
        if (choice.index != 0) {
            if (choice.index >= choicesSeen) {
                choicesSeen = choice.index + 1;
                rec.serverOutputTokens(null); // a usage figure already read counted every choice
            }
            return;
        }
        String text = choice.hasDelta ? choice.deltaContent : choice.text;
        List<TokenLogprob> logprobs = choice.logprobs.entries();
        rec.logprobs(logprobs);
        if (!text.isEmpty() || choice.otherContent) rec.content(arrivalNanos, text, Math.max(1, logprobs.size()));
        if (choice.finishReason != null) rec.finishReason(choice.finishReason);
    }

    /** What one chunk says, read field by field; applied once the whole frame parsed. */
    private static final class Chunk implements WireJson.FieldReader {
        boolean error;
        List<Choice> choices = List.of();
        Usage usage;

        @Override
        public void field(String name, JsonParser p) throws IOException {
            switch (name) {
                case "error" -> error = WireJson.nonNull(p);
                case "choices" -> {
                    List<Choice> read = new ArrayList<>(1);
                    choices = WireJson.elements(p, c -> {
                        Choice choice = new Choice();
                        WireJson.fields(c, choice::field);
                        read.add(choice);
                    }) ? read : List.of();
                }
                case "usage" -> {
                    if (p.currentToken() == JsonToken.START_OBJECT) {
                        Usage u = new Usage();
                        WireJson.fields(p, u::field);
                        usage = u;
                    } else {
                        usage = null;
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }
    }

    /**
     * One element of {@code choices}. A non-object element reads as index 0 with nothing in it, as the tree
     * did. {@code delta} present in any form (even null) means the chat shape, whose text is {@code delta.content}.
     */
    private static final class Choice {
        int index;
        boolean hasDelta;
        String deltaContent = "";
        String text = "";
        boolean otherContent; // reasoning, refusal or a tool-call fragment in the delta
        Logprobs logprobs = Logprobs.NONE;
        String finishReason;

        void field(String name, JsonParser p) throws IOException {
            switch (name) {
                case "index" -> index = WireJson.asInt(p);
                case "delta" -> {
                    hasDelta = true;
                    deltaContent = "";
                    otherContent = false;
                    WireJson.fields(p, this::deltaField);
                }
                case "text" -> text = WireJson.text(p);
                case "logprobs" -> logprobs = Logprobs.read(p);
                case "finish_reason" -> finishReason = p.currentToken() == JsonToken.VALUE_STRING ? p.getText() : null;
                default -> p.skipChildren();
            }
        }

        private void deltaField(String name, JsonParser p) throws IOException {
            switch (name) {
                case "content" -> deltaContent = WireJson.text(p);
                case "reasoning", "reasoning_content", "refusal" -> otherContent |= !WireJson.text(p).isEmpty();
                case "tool_calls" -> otherContent |= hasToolCallFragment(p);
                default -> p.skipChildren();
            }
        }
    }

    private static boolean hasToolCallFragment(JsonParser p) throws IOException {
        boolean[] found = {false};
        WireJson.elements(p, call -> WireJson.fields(call, (name, v) -> {
            if (name.equals("function")) {
                WireJson.fields(v, (f, fv) -> {
                    if (f.equals("name") || f.equals("arguments")) found[0] |= !WireJson.text(fv).isEmpty();
                    else fv.skipChildren();
                });
            } else {
                v.skipChildren();
            }
        }));
        return found[0];
    }

    /** The usage object's counts. */
    private static final class Usage {
        Integer in;
        Integer out;
        Integer cached;

        void field(String name, JsonParser p) throws IOException {
            switch (name) {
                case "prompt_tokens" -> in = WireJson.intOrNull(p);
                case "completion_tokens" -> out = WireJson.intOrNull(p);
                case "prompt_tokens_details" -> {
                    cached = null;
                    WireJson.fields(p, (f, v) -> {
                        if (f.equals("cached_tokens")) cached = WireJson.intOrNull(v);
                        else v.skipChildren();
                    });
                }
                default -> p.skipChildren();
            }
        }
    }

    /**
     * A choice's logprobs: the chat shape {@code {"content":[...]}} (which wins when present), or the legacy
     * completions shape {@code {"tokens","token_logprobs","top_logprobs"}}.
     */
    private static final class Logprobs {
        static final Logprobs NONE = new Logprobs();

        boolean hasContent;
        List<TokenLogprob> content = List.of();
        List<String> tokens;   // null: absent or not an array
        List<Double> values;   // null: absent or not an array
        List<List<TokenLogprob.Alternative>> tops = List.of(); // an element's alternatives, null where not an object

        static Logprobs read(JsonParser p) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
                return NONE;
            }
            Logprobs lp = new Logprobs();
            WireJson.fields(p, lp::field);
            return lp;
        }

        private void field(String name, JsonParser p) throws IOException {
            switch (name) {
                case "content" -> {
                    hasContent = true;
                    content = WireJson.tokenLogprobs(p);
                }
                case "tokens" -> {
                    List<String> read = new ArrayList<>();
                    tokens = WireJson.elements(p, t -> read.add(WireJson.asText(t))) ? read : null;
                }
                case "token_logprobs" -> {
                    List<Double> read = new ArrayList<>();
                    values = WireJson.elements(p, v -> read.add(WireJson.asDouble(v))) ? read : null;
                }
                case "top_logprobs" -> {
                    List<List<TokenLogprob.Alternative>> read = new ArrayList<>();
                    tops = WireJson.elements(p, top -> {
                        if (top.currentToken() != JsonToken.START_OBJECT) {
                            top.skipChildren();
                            read.add(null);
                            return;
                        }
                        List<TokenLogprob.Alternative> alts = new ArrayList<>();
                        WireJson.fields(top, (token, v) -> alts.add(new TokenLogprob.Alternative(token, WireJson.asDouble(v))));
                        read.add(alts);
                    }) ? read : List.of();
                }
                default -> p.skipChildren();
            }
        }

        List<TokenLogprob> entries() {
            if (hasContent) return content;
            if (tokens == null || values == null) return List.of();
            List<TokenLogprob> out = new ArrayList<>(tokens.size());
            for (int i = 0; i < tokens.size(); i++) {
                List<TokenLogprob.Alternative> alts = i < tops.size() && tops.get(i) != null ? tops.get(i) : List.of();
                out.add(new TokenLogprob(tokens.get(i), i < values.size() ? values.get(i) : 0.0, alts));
            }
            return out;
        }
    }
}
