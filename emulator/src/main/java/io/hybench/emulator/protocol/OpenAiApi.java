package io.hybench.emulator.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpHeaders;
import io.hybench.emulator.engine.Completion;
import io.hybench.emulator.engine.Rejection;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code /v1/chat/completions} and {@code /v1/completions} over SSE, in one of three servers' dialects. */
final class OpenAiApi implements FrontEnd {
    private final OpenAiDialect dialect;

    OpenAiApi(OpenAiDialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public EmulatedRequest parse(String path, JsonNode body, HttpHeaders headers) throws ApiError {
        String model = Wire.text(body, "model");
        if (model == null || model.isBlank()) throw ApiError.invalid("model is required");
        boolean chat = path.endsWith("/chat/completions");
        int prompt;
        String lastUser;
        if (chat) {
            JsonNode messages = body.get("messages");
            if (messages == null || !messages.isArray() || messages.isEmpty()) throw ApiError.invalid("messages must be a non-empty array");
            List<String> contents = new ArrayList<>();
            for (JsonNode m : messages) contents.add(Wire.contentText(m.get("content")));
            prompt = PromptTokens.ofChat(contents);
            lastUser = Wire.lastUserText(messages);
        } else {
            JsonNode p = body.get("prompt");
            if (p == null || p.isNull()) throw ApiError.invalid("prompt is required");
            lastUser = p.isArray() ? Wire.contentText(p) : p.asText();
            prompt = Math.max(1, PromptTokens.ofText(lastUser));
        }
        Integer max = dialect == OpenAiDialect.OLLAMA ? null : Wire.integer(body, "max_completion_tokens");
        if (max == null) max = Wire.integer(body, "max_tokens");
        if (max != null && max < 1) throw ApiError.invalid("max_tokens must be at least 1, got " + max + ".");
        boolean vllm = dialect == OpenAiDialect.VLLM;
        Integer min = vllm ? Wire.integer(body, "min_tokens") : null;
        boolean ignoreEos = vllm && Wire.bool(body, "ignore_eos", false);
        if (ignoreEos && max == null) throw ApiError.invalid("ignore_eos needs max_tokens");
        Integer seed = Wire.integer(body, "seed");
        boolean logprobs;
        int top;
        if (chat) {
            logprobs = Wire.bool(body, "logprobs", false);
            Integer t = Wire.integer(body, "top_logprobs");
            top = t == null ? 0 : t;
        } else {
            Integer n = Wire.integer(body, "logprobs");
            logprobs = n != null;
            top = n == null ? 0 : n;
        }
        if (top < 0 || top > 20) throw ApiError.invalid("top_logprobs must be between 0 and 20");
        JsonNode streamOptions = body.get("stream_options");
        boolean hasOptions = streamOptions != null && streamOptions.isObject();
        boolean includeUsage = hasOptions && Wire.bool(streamOptions, "include_usage", vllm);
        boolean continuous = vllm && hasOptions && Wire.bool(streamOptions, "continuous_usage_stats", false);
        String auth = headers.get("Authorization");
        return EmulatedRequest.generate(model, auth == null ? "anonymous" : auth,
                new EmulatedRequest.Prompt(prompt, lastUser),
                new EmulatedRequest.Length(max, min == null ? 0 : min, ignoreEos),
                new EmulatedRequest.SamplingParams(seed == null ? null : seed.longValue(), Wire.number(body, "temperature")),
                new EmulatedRequest.Delivery(Wire.bool(body, "stream", false), includeUsage, continuous),
                new EmulatedRequest.Logprobs(logprobs, top), EmulatedRequest.ModelLoad.DEFAULT);
    }

    @Override
    public Renderer renderer(String path, EmulatedRequest request, ResponseContext ctx) {
        return new OpenAiRenderer(dialect, path.endsWith("/chat/completions"), request, ctx);
    }

    @Override
    public ApiError unknownModel(String model) {
        return ApiError.notFound(switch (dialect) {
            case VLLM -> "The model `" + model + "` does not exist.";
            case OLLAMA -> "model \"" + model + "\" not found, try pulling it first";
            case OPENAI -> "The model `" + model + "` does not exist or you do not have access to it.";
        });
    }

    private String errorBody(String message, String type, Object code) {
        ObjectNode error = Wire.object().put("message", message).put("type", type).putNull("param");
        switch (code) {
            case Integer i -> error.put("code", i);
            case String s -> error.put("code", s);
            case null, default -> error.putNull("code");
        }
        ObjectNode root = Wire.object();
        root.set("error", error);
        return Wire.json(root);
    }

    @Override
    public ErrorReply error(ApiError e) {
        boolean notFound = e.kind == ApiError.Kind.NOT_FOUND;
        return new ErrorReply(e.status(), switch (dialect) {
            case VLLM -> errorBody(e.getMessage(), notFound ? "NotFoundError" : "BadRequestError", e.status());
            case OLLAMA -> errorBody(e.getMessage(), notFound ? "not_found_error" : "invalid_request_error", null);
            case OPENAI -> errorBody(e.getMessage(), "invalid_request_error", notFound ? "model_not_found" : null);
        });
    }

    @Override
    public ErrorReply rejected(Rejection rejection, EmulatedRequest request) {
        return switch (rejection) {
            case Rejection.QueueFull q -> new ErrorReply(503, errorBody(OllamaApi.QUEUE_FULL, "api_error", null));
            case Rejection.RateLimited r -> rateLimited(r, request);
            case Rejection.Overloaded o -> new ErrorReply(503,
                    errorBody("The server is overloaded or not ready yet.", "server_error", null));
        };
    }

    private ErrorReply rateLimited(Rejection.RateLimited r, EmulatedRequest request) {
        String per = r.limitName().equals("requests") ? "requests per min (RPM)" : "tokens per min (TPM)";
        String message = String.format(Locale.ROOT, "Rate limit reached for %s in organization org-emulated on %s: "
                        + "Limit %d, Used %d, Requested %d. Please try again in %.3fs. "
                        + "Visit https://platform.openai.com/account/rate-limits to learn more.",
                request.model(), per, r.limit(), r.used(), r.requested(), r.retryAfterNanos() / 1e9);
        return new ErrorReply(429, Map.of("retry-after", retryAfterSeconds(r.retryAfterNanos())),
                errorBody(message, r.limitName(), "rate_limit_exceeded"));
    }

    /** Whole seconds, rounded up (never 0, which clients read as "retry at once"). */
    static String retryAfterSeconds(long nanos) {
        return Long.toString(Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L));
    }

    /** OpenAI caches every prompt's prefix by itself; vLLM and Ollama cache in their engines, unasked. */
    @Override
    public PromptTokens.Caching caching() {
        return dialect == OpenAiDialect.OPENAI ? PromptTokens.Caching.AUTOMATIC : PromptTokens.Caching.NONE;
    }

    @Override
    public ErrorReply serverError() {
        return new ErrorReply(500, switch (dialect) {
            case VLLM -> errorBody("EngineCore encountered an issue.", "InternalServerError", 500);
            case OLLAMA -> errorBody("an error was encountered while running the model", "api_error", null);
            case OPENAI -> errorBody("The server had an error while processing your request. Sorry about that!", "server_error", null);
        });
    }

    private static final class OpenAiRenderer implements Renderer {
        private final OpenAiDialect dialect;
        private final boolean chat;
        private final EmulatedRequest request;
        private final ResponseContext ctx;
        private final String id;
        private final long created;
        private int textOffset;
        /** This request's token chunk, rendered once where only the text changes ({@link #templated}). */
        private TokenTemplate template;

        OpenAiRenderer(OpenAiDialect dialect, boolean chat, EmulatedRequest request, ResponseContext ctx) {
            this.dialect = dialect;
            this.chat = chat;
            this.request = request;
            this.ctx = ctx;
            String prefix = chat ? "chatcmpl-" : "cmpl-";
            this.id = switch (dialect) {
                case VLLM -> prefix + ctx.hexId(16, 1);
                case OLLAMA -> prefix + (ctx.ordinal() % 1000);
                case OPENAI -> prefix + ctx.base62Id(29, 1);
            };
            this.created = ctx.createdEpochSeconds();
        }

        private int usageCompletionTokens() {
            return dialect.countsEos() ? ctx.plan().tokens() : ctx.plan().textTokens();
        }

        private String fingerprint() {
            return "fp_" + ctx.hexId(10, 2);
        }

        private ObjectNode envelope(boolean chunk) {
            ObjectNode o = Wire.object().put("id", id)
                    .put("object", chat ? (chunk ? "chat.completion.chunk" : "chat.completion") : "text_completion")
                    .put("created", created).put("model", request.model());
            if (dialect == OpenAiDialect.OPENAI && chat) o.put("service_tier", "default").put("system_fingerprint", fingerprint());
            if (dialect == OpenAiDialect.OLLAMA) o.put("system_fingerprint", "fp_ollama");
            return o;
        }

        /** Fields that follow "choices" on every streamed chunk. */
        private void trailer(ObjectNode o, int producedSoFar) {
            if (dialect == OpenAiDialect.OPENAI && request.delivery().includeUsage()) o.putNull("usage");
            if (request.delivery().continuousUsage()) o.set("usage", usage(producedSoFar, false));
            if (dialect == OpenAiDialect.OPENAI && chat) o.put("obfuscation", ctx.base62Id(2 + (int) (ctx.ordinal() + producedSoFar) % 12, 3 + producedSoFar));
        }

        /** Prompt tokens the engine's prefix cache served, known once the completion is. */
        private int cachedTokens;

        private ObjectNode usage(int completion, boolean last) {
            ObjectNode u = Wire.object().put("prompt_tokens", request.prompt().tokens());
            switch (dialect) {
                case VLLM -> {
                    u.put("total_tokens", request.prompt().tokens() + completion).put("completion_tokens", completion);
                    if (last) u.putObject("prompt_tokens_details").put("cached_tokens", cachedTokens);
                }
                case OLLAMA -> u.put("completion_tokens", completion).put("total_tokens", request.prompt().tokens() + completion);
                case OPENAI -> {
                    u.put("completion_tokens", completion).put("total_tokens", request.prompt().tokens() + completion);
                    u.putObject("prompt_tokens_details").put("cached_tokens", cachedTokens).put("audio_tokens", 0);
                    u.putObject("completion_tokens_details").put("reasoning_tokens", 0).put("audio_tokens", 0)
                            .put("accepted_prediction_tokens", 0).put("rejected_prediction_tokens", 0);
                }
            }
            return u;
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
        public List<Chunk> start(long atNanos) {
            if (!chat || dialect == OpenAiDialect.OLLAMA) return List.of();
            ObjectNode o = envelope(true);
            ObjectNode choice = o.putArray("choices").addObject().put("index", 0);
            ObjectNode delta = choice.putObject("delta").put("role", "assistant").put("content", "");
            if (dialect == OpenAiDialect.OPENAI) {
                delta.putNull("refusal");
                if (request.logprobs().on()) {
                    ObjectNode lp = choice.putObject("logprobs");
                    lp.putArray("content");
                    lp.putNull("refusal");
                } else choice.putNull("logprobs");
            } else choice.putNull("logprobs");
            choice.putNull("finish_reason");
            trailer(o, 0);
            if (dialect == OpenAiDialect.VLLM) o.putNull("prompt_token_ids").putNull("prompt_text");
            return List.of(Chunk.sse("start", Wire.json(o)));
        }

        private boolean finishOnLastToken() {
            return dialect == OpenAiDialect.VLLM && !ctx.plan().eos();
        }

        @Override
        public List<Chunk> token(int index, long atNanos) {
            if (index >= ctx.plan().textTokens()) return List.of();
            String text = ctx.reply().token(index);
            if (!templated(index)) return List.of(tokenChunk(index, text));
            if (template == null) template = TokenTemplate.of(tokenChunk(index, TokenTemplate.MARKER).bytes());
            return List.of(new Chunk("token", template.render(text)));
        }

        /** Whether token {@code index}'s chunk differs from the others only in its text (no per-token fields). */
        private boolean templated(int index) {
            boolean last = index == ctx.plan().textTokens() - 1;
            return !request.logprobs().on() && !request.delivery().continuousUsage() && !(dialect == OpenAiDialect.OPENAI && chat)
                    && !(dialect == OpenAiDialect.OLLAMA && index == 0) && !(last && finishOnLastToken());
        }

        private Chunk tokenChunk(int index, String text) {
            boolean last = index == ctx.plan().textTokens() - 1;
            ObjectNode o = envelope(true);
            ObjectNode choice = o.putArray("choices").addObject();
            if (chat) {
                choice.put("index", 0);
                ObjectNode delta = choice.putObject("delta");
                if (dialect == OpenAiDialect.OLLAMA && index == 0) delta.put("role", "assistant");
                delta.put("content", text);
            } else {
                choice.put("index", 0).put("text", text);
            }
            putLogprobs(choice, index, text);
            if (last && finishOnLastToken()) choice.put("finish_reason", "length").putNull("stop_reason");
            else {
                choice.putNull("finish_reason");
                if (dialect == OpenAiDialect.VLLM && !chat) choice.putNull("stop_reason");
            }
            if (dialect == OpenAiDialect.VLLM && chat) choice.putNull("token_ids");
            trailer(o, index + 1);
            return Chunk.sse("token", Wire.json(o));
        }

        private void putLogprobs(ObjectNode choice, int index, String text) {
            if (!request.logprobs().on()) {
                if (dialect != OpenAiDialect.OLLAMA) choice.putNull("logprobs");
                return;
            }
            var candidates = ctx.reply().candidates(index, Math.max(1, request.logprobs().top()));
            if (chat) {
                ObjectNode lp = choice.putObject("logprobs");
                List<TokenText.Candidate> shown = request.logprobs().top() == 0 ? candidates.subList(0, 1) : candidates;
                lp.putArray("content").add(Wire.tokenLogprob(shown));
                if (dialect == OpenAiDialect.OPENAI) lp.putNull("refusal");
            } else {
                ObjectNode lp = choice.putObject("logprobs");
                lp.putArray("tokens").add(text);
                lp.putArray("token_logprobs").add(candidates.get(0).logprob());
                ObjectNode top = lp.putArray("top_logprobs").addObject();
                for (TokenText.Candidate c : candidates) top.put(c.text(), c.logprob());
                lp.putArray("text_offset").add(textOffset);
                textOffset += text.length();
            }
        }

        @Override
        public List<Chunk> finish(Completion c, long atNanos) {
            cachedTokens = c.cachedTokens();
            List<Chunk> out = new ArrayList<>();
            if (!finishOnLastToken()) {
                ObjectNode o = envelope(true);
                ObjectNode choice = o.putArray("choices").addObject();
                if (chat) {
                    choice.put("index", 0);
                    choice.putObject("delta");
                } else choice.put("index", 0).put("text", "");
                if (dialect != OpenAiDialect.OLLAMA) choice.putNull("logprobs");
                choice.put("finish_reason", ctx.plan().eos() ? "stop" : "length");
                if (dialect == OpenAiDialect.VLLM) {
                    choice.putNull("stop_reason");
                    if (chat) choice.putNull("token_ids");
                }
                trailer(o, ctx.plan().tokens());
                out.add(Chunk.sse("finish", Wire.json(o)));
            }
            if (request.delivery().includeUsage()) {
                ObjectNode o = envelope(true);
                o.putArray("choices");
                o.set("usage", usage(usageCompletionTokens(), true));
                if (dialect == OpenAiDialect.VLLM) o.put("system_fingerprint", "vllm-" + ctx.profile().serverVersion() + "-tp1-" + ctx.hexId(8, 4));
                if (dialect == OpenAiDialect.OPENAI && chat) o.put("obfuscation", ctx.base62Id(11, 5));
                out.add(Chunk.sse("usage", Wire.json(o)));
            }
            out.add(new Chunk("done", "data: [DONE]\n\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return out;
        }

        @Override
        public Chunk malformed() {
            return Chunk.sse("malformed", "{\"id\":\"" + id + "\",\"object\":");
        }

        @Override
        public String body(Completion c, long atNanos) {
            cachedTokens = c.cachedTokens();
            String text = ctx.reply().text(ctx.plan().textTokens());
            String reason = ctx.plan().eos() ? "stop" : "length";
            ObjectNode o = envelope(false);
            ObjectNode choice = o.putArray("choices").addObject().put("index", 0);
            if (chat) {
                ObjectNode m = choice.putObject("message").put("role", "assistant").put("content", text);
                if (dialect == OpenAiDialect.OPENAI) {
                    m.putNull("refusal");
                    m.putArray("annotations");
                }
                if (dialect == OpenAiDialect.VLLM) m.putNull("refusal").putArray("tool_calls");
            } else choice.put("text", text);
            if (request.logprobs().on()) {
                ObjectNode lp = choice.putObject("logprobs");
                if (chat) {
                    ArrayNode content = lp.putArray("content");
                    for (int i = 0; i < ctx.plan().textTokens(); i++) {
                        var cands = ctx.reply().candidates(i, Math.max(1, request.logprobs().top()));
                        content.add(Wire.tokenLogprob(request.logprobs().top() == 0 ? cands.subList(0, 1) : cands));
                    }
                } else {
                    ArrayNode tokens = lp.putArray("tokens");
                    ArrayNode lps = lp.putArray("token_logprobs");
                    ArrayNode tops = lp.putArray("top_logprobs");
                    ArrayNode offsets = lp.putArray("text_offset");
                    int offset = 0;
                    for (int i = 0; i < ctx.plan().textTokens(); i++) {
                        var cands = ctx.reply().candidates(i, Math.max(1, request.logprobs().top()));
                        tokens.add(cands.get(0).text());
                        lps.add(cands.get(0).logprob());
                        ObjectNode top = tops.addObject();
                        for (TokenText.Candidate cand : cands) top.put(cand.text(), cand.logprob());
                        offsets.add(offset);
                        offset += cands.get(0).text().length();
                    }
                }
            } else if (dialect != OpenAiDialect.OLLAMA) choice.putNull("logprobs");
            choice.put("finish_reason", reason);
            if (dialect == OpenAiDialect.VLLM) choice.putNull("stop_reason");
            o.set("usage", usage(usageCompletionTokens(), true));
            if (dialect == OpenAiDialect.VLLM) o.putNull("prompt_logprobs");
            return Wire.json(o);
        }
    }
}
