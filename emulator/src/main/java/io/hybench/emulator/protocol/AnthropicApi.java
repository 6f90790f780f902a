package io.hybench.emulator.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpHeaders;
import io.hybench.emulator.engine.CacheUse;
import io.hybench.emulator.engine.Completion;
import io.hybench.emulator.engine.Rejection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Anthropic's {@code /v1/messages}: named SSE events (message_start, content_block_*, ping,
 * message_delta with cumulative usage, message_stop) and typed error bodies (529 overloaded_error). Prompt
 * caching is explicit: blocks marked {@code cache_control} (at most 4), usage split into uncached
 * {@code input_tokens}, {@code cache_creation_input_tokens} and {@code cache_read_input_tokens}.
 */
final class AnthropicApi implements FrontEnd {
    private static final int MAX_CACHE_BREAKPOINTS = 4;

    @Override
    public EmulatedRequest parse(String path, JsonNode body, HttpHeaders headers) throws ApiError {
        String model = Wire.text(body, "model");
        if (model == null || model.isBlank()) throw ApiError.invalid("model: Field required");
        Integer max = Wire.integer(body, "max_tokens");
        if (max == null) throw ApiError.invalid("max_tokens: Field required");
        if (max < 1) throw ApiError.invalid("max_tokens: must be greater than or equal to 1");
        JsonNode messages = body.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) throw ApiError.invalid("messages: Field required");
        List<String> contents = new ArrayList<>();
        JsonNode system = body.get("system");
        if (system != null && !system.isNull()) contents.add(Wire.contentText(system));
        for (JsonNode m : messages) contents.add(Wire.contentText(m.get("content")));
        int marked = PromptTokens.cacheControlBlocks(body);
        if (marked > MAX_CACHE_BREAKPOINTS) {
            throw ApiError.invalid("A maximum of " + MAX_CACHE_BREAKPOINTS + " blocks with cache_control may be provided. Found " + marked + ".");
        }
        String key = headers.get("x-api-key");
        return EmulatedRequest.generate(model, key == null ? "anonymous" : key,
                new EmulatedRequest.Prompt(PromptTokens.ofChat(contents), Wire.lastUserText(messages)),
                EmulatedRequest.Length.capped(max), new EmulatedRequest.SamplingParams(null, Wire.number(body, "temperature")),
                EmulatedRequest.Delivery.of(Wire.bool(body, "stream", false)), EmulatedRequest.Logprobs.OFF,
                EmulatedRequest.ModelLoad.DEFAULT);
    }

    @Override
    public Renderer renderer(String path, EmulatedRequest request, ResponseContext ctx) {
        return new AnthropicRenderer(request, ctx);
    }

    @Override
    public ApiError unknownModel(String model) {
        return ApiError.notFound("model: " + model);
    }

    private static String errorBody(String type, String message, String requestId) {
        ObjectNode o = Wire.object().put("type", "error");
        o.putObject("error").put("type", type).put("message", message);
        o.put("request_id", requestId);
        return Wire.json(o);
    }

    private static String requestId() {
        return "req_" + Long.toUnsignedString(TokenText.mix(System.nanoTime()), 36);
    }

    @Override
    public ErrorReply error(ApiError e) {
        return new ErrorReply(e.status(), errorBody(e.kind == ApiError.Kind.NOT_FOUND ? "not_found_error"
                : "invalid_request_error", e.getMessage(), requestId()));
    }

    @Override
    public ErrorReply rejected(Rejection rejection, EmulatedRequest request) {
        return switch (rejection) {
            case Rejection.QueueFull q -> new ErrorReply(503, errorBody("api_error", OllamaApi.QUEUE_FULL, requestId()));
            case Rejection.RateLimited r -> new ErrorReply(429,
                    Map.of("retry-after", OpenAiApi.retryAfterSeconds(r.retryAfterNanos())),
                    errorBody("rate_limit_error", "This request would exceed the rate limit for your organization of "
                            + r.limit() + " " + (r.limitName().equals("requests") ? "requests" : "input tokens")
                            + " per minute. Please try again later.", requestId()));
            case Rejection.Overloaded o -> new ErrorReply(529, errorBody("overloaded_error", "Overloaded", requestId()));
        };
    }

    @Override
    public PromptTokens.Caching caching() {
        return PromptTokens.Caching.EXPLICIT;
    }

    @Override
    public ErrorReply serverError() {
        return new ErrorReply(500, errorBody("api_error", "Internal server error", requestId()));
    }

    private static final class AnthropicRenderer implements Renderer {
        private final EmulatedRequest request;
        private final ResponseContext ctx;
        private final String id;
        private CacheUse cache = CacheUse.NONE;

        AnthropicRenderer(EmulatedRequest request, ResponseContext ctx) {
            this.request = request;
            this.ctx = ctx;
            this.id = "msg_" + ctx.base62Id(24, 7);
        }

        @Override
        public String streamContentType() {
            return "text/event-stream; charset=utf-8";
        }

        @Override
        public boolean headersWithFirstChunk() {
            return false;
        }

        @Override
        public void cached(CacheUse use) {
            cache = use;
        }

        /** input_tokens counts only the prompt tokens after the last cache breakpoint: neither read nor written. */
        private ObjectNode message(String text, String stopReason, int outputTokens) {
            ObjectNode m = Wire.object().put("id", id).put("type", "message").put("role", "assistant")
                    .put("model", request.model());
            var content = m.putArray("content");
            if (text != null) content.addObject().put("type", "text").put("text", text);
            if (stopReason == null) m.putNull("stop_reason");
            else m.put("stop_reason", stopReason);
            m.putNull("stop_sequence");
            ObjectNode usage = m.putObject("usage").put("input_tokens", request.prompt().tokens() - cache.readTokens() - cache.writeTokens())
                    .put("cache_creation_input_tokens", cache.writeTokens()).put("cache_read_input_tokens", cache.readTokens());
            usage.putObject("cache_creation").put("ephemeral_5m_input_tokens", cache.write5mTokens())
                    .put("ephemeral_1h_input_tokens", cache.write1hTokens());
            usage.put("output_tokens", outputTokens).put("service_tier", "standard");
            return m;
        }

        @Override
        public List<Chunk> start(long atNanos) {
            ObjectNode start = Wire.object().put("type", "message_start");
            start.set("message", message(null, null, 1));
            ObjectNode block = Wire.object().put("type", "content_block_start").put("index", 0);
            block.putObject("content_block").put("type", "text").put("text", "");
            return List.of(Chunk.namedSse("start", "message_start", Wire.json(start)),
                    Chunk.namedSse("start", "content_block_start", Wire.json(block)),
                    Chunk.namedSse("ping", "ping", "{\"type\": \"ping\"}"));
        }

        @Override
        public List<Chunk> token(int index, long atNanos) {
            if (index >= ctx.plan().textTokens()) return List.of();
            ObjectNode o = Wire.object().put("type", "content_block_delta").put("index", 0);
            o.putObject("delta").put("type", "text_delta").put("text", ctx.reply().token(index));
            return List.of(Chunk.namedSse("token", "content_block_delta", Wire.json(o)));
        }

        private String stopReason() {
            return ctx.plan().eos() ? "end_turn" : "max_tokens";
        }

        @Override
        public List<Chunk> finish(Completion c, long atNanos) {
            ObjectNode delta = Wire.object().put("type", "message_delta");
            delta.putObject("delta").put("stop_reason", stopReason()).putNull("stop_sequence");
            delta.putObject("usage").put("output_tokens", ctx.plan().tokens());
            return List.of(Chunk.namedSse("finish", "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"),
                    Chunk.namedSse("usage", "message_delta", Wire.json(delta)),
                    Chunk.namedSse("done", "message_stop", "{\"type\":\"message_stop\"}"));
        }

        @Override
        public Chunk malformed() {
            return Chunk.namedSse("malformed", "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":");
        }

        @Override
        public String body(Completion c, long atNanos) {
            cache = c.cache();
            return Wire.json(message(ctx.reply().text(ctx.plan().textTokens()), stopReason(), ctx.plan().tokens()));
        }
    }
}
