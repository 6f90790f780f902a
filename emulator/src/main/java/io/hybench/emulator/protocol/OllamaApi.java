package io.hybench.emulator.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpHeaders;
import io.hybench.emulator.engine.Completion;
import io.hybench.emulator.engine.Job;
import io.hybench.emulator.engine.Rejection;

import java.util.ArrayList;
import java.util.List;

/**
 * Ollama's native {@code /api/chat} and {@code /api/generate}: NDJSON streams whose final
 * {@code done:true} object carries durations in nanoseconds, zero-valued metrics omitted (Go omitempty).
 */
final class OllamaApi implements FrontEnd {
    static final String QUEUE_FULL = "server busy, please try again.  maximum pending requests exceeded";

    @Override
    public EmulatedRequest parse(String path, JsonNode body, HttpHeaders headers) throws ApiError {
        String model = Wire.text(body, "model");
        if (model == null || model.isBlank()) throw ApiError.invalid("model is required");
        int prompt;
        String lastUser;
        boolean promptless;
        if (path.endsWith("/chat")) {
            List<String> contents = new ArrayList<>();
            JsonNode messages = body.get("messages");
            if (messages != null) for (JsonNode m : messages) contents.add(Wire.contentText(m.get("content")));
            prompt = PromptTokens.ofChat(contents);
            lastUser = Wire.lastUserText(messages);
            promptless = contents.isEmpty();
        } else {
            String system = Wire.text(body, "system");
            lastUser = Wire.text(body, "prompt");
            prompt = Math.max(1, PromptTokens.ofText((system == null ? "" : system) + (lastUser == null ? "" : lastUser)));
            promptless = lastUser == null || lastUser.isEmpty();
        }
        Long keepAlive = keepAlive(body.get("keep_alive"));
        JsonNode options = body.path("options");
        Integer numCtx = options.isObject() ? Wire.integer(options, "num_ctx") : null;
        if (numCtx != null && numCtx < 1) throw ApiError.invalid("num_ctx must be positive");
        String auth = headers.get("Authorization");
        if (promptless) {
            // Ollama answers these with one JSON object (done_reason "load" or "unload"), never a stream
            Job.Purpose purpose = keepAlive != null && keepAlive == 0 ? Job.Purpose.UNLOAD : Job.Purpose.LOAD;
            return EmulatedRequest.residency(model, auth == null ? "anonymous" : auth, purpose,
                    new EmulatedRequest.ModelLoad(keepAlive, numCtx));
        }
        Integer numPredict = options.isObject() ? Wire.integer(options, "num_predict") : null;
        Integer seed = options.isObject() ? Wire.integer(options, "seed") : null;
        Double temperature = options.isObject() ? Wire.number(options, "temperature") : null;
        int top = body.has("top_logprobs") ? body.get("top_logprobs").asInt() : 0;
        if (top < 0 || top > 20) throw ApiError.invalid("top_logprobs must be between 0 and 20");
        return EmulatedRequest.generate(model, auth == null ? "anonymous" : auth, new EmulatedRequest.Prompt(prompt, lastUser),
                EmulatedRequest.Length.capped(numPredict == null || numPredict < 0 ? null : Math.max(1, numPredict)),
                new EmulatedRequest.SamplingParams(seed == null || seed < 0 ? null : seed.longValue(), temperature),
                EmulatedRequest.Delivery.of(Wire.bool(body, "stream", true)),
                new EmulatedRequest.Logprobs(Wire.bool(body, "logprobs", false), top), new EmulatedRequest.ModelLoad(keepAlive, numCtx));
    }

    private static final java.util.regex.Pattern GO_DURATION_PART =
            java.util.regex.Pattern.compile("(\\d+(?:\\.\\d*)?)(ns|us|µs|ms|s|m|h)");

    /** Ollama's keep_alive: a number of seconds, or a Go duration string ("5m", "1h30m", "-1s"); negative means forever. */
    static Long keepAlive(JsonNode v) throws ApiError {
        if (v == null || v.isNull()) return null;
        if (v.isNumber()) return Math.round(v.asDouble() * 1e9);
        String s = v.asText().trim();
        if (s.matches("-?\\d+(\\.\\d+)?")) return Math.round(Double.parseDouble(s) * 1e9);
        boolean negative = s.startsWith("-");
        String rest = negative ? s.substring(1) : s;
        java.util.regex.Matcher m = GO_DURATION_PART.matcher(rest);
        double nanos = 0;
        int consumed = 0;
        while (m.find() && m.start() == consumed) {
            double unit = switch (m.group(2)) {
                case "ns" -> 1;
                case "us", "µs" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                default -> 3600e9;
            };
            nanos += Double.parseDouble(m.group(1)) * unit;
            consumed = m.end();
        }
        if (consumed == 0 || consumed != rest.length()) throw ApiError.invalid("time: invalid duration \"" + s + "\"");
        return Math.round(negative ? -nanos : nanos);
    }

    @Override
    public Renderer renderer(String path, EmulatedRequest request, ResponseContext ctx) {
        return new OllamaRenderer(path.endsWith("/chat"), request, ctx);
    }

    @Override
    public ApiError unknownModel(String model) {
        return ApiError.notFound("model '" + model + "' not found");
    }

    @Override
    public ErrorReply error(ApiError error) {
        return new ErrorReply(error.status(), Wire.json(Wire.object().put("error", error.getMessage())));
    }

    @Override
    public ErrorReply rejected(Rejection rejection, EmulatedRequest request) {
        return switch (rejection) {
            case Rejection.QueueFull q -> new ErrorReply(503, Wire.json(Wire.object().put("error", QUEUE_FULL)));
            case Rejection.RateLimited r -> new ErrorReply(429, Wire.json(Wire.object().put("error", "rate limit exceeded")));
            case Rejection.Overloaded o -> new ErrorReply(503, Wire.json(Wire.object().put("error", "server overloaded")));
        };
    }

    @Override
    public ErrorReply serverError() {
        return new ErrorReply(500, Wire.json(Wire.object().put("error", "an error was encountered while running the model")));
    }

    private static final class OllamaRenderer implements Renderer {
        private final boolean chat;
        private final EmulatedRequest request;
        private final ResponseContext ctx;

        OllamaRenderer(boolean chat, EmulatedRequest request, ResponseContext ctx) {
            this.chat = chat;
            this.request = request;
            this.ctx = ctx;
        }

        @Override
        public String streamContentType() {
            return "application/x-ndjson";
        }

        @Override
        public boolean headersWithFirstChunk() {
            return true;
        }

        private ObjectNode head(long atNanos, String content) {
            ObjectNode o = Wire.object().put("model", request.model())
                    .put("created_at", WallClock.rfc3339Nano(ctx.wallAt(atNanos)));
            if (chat) o.putObject("message").put("role", "assistant").put("content", content);
            else o.put("response", content);
            return o;
        }

        @Override
        public List<Chunk> start(long atNanos) {
            return List.of();
        }

        @Override
        public List<Chunk> token(int index, long atNanos) {
            if (index >= ctx.plan().textTokens()) return List.of();
            ObjectNode o = head(atNanos, ctx.reply().token(index)).put("done", false);
            if (request.logprobs().on()) o.putArray("logprobs").add(logprob(index));
            return List.of(Chunk.ndjson("token", Wire.json(o)));
        }

        private ObjectNode logprob(int index) {
            return Wire.tokenLogprob(ctx.reply().candidates(index, request.logprobs().top()));
        }

        private ObjectNode done(Completion c, long atNanos, String content) {
            ObjectNode o = head(atNanos, content);
            String reason = ctx.plan().eos() ? "stop" : "length";
            if (chat) o.put("done_reason", reason).put("done", true);
            else {
                o.put("done", true).put("done_reason", reason);
                ArrayNode context = o.putArray("context");
                for (int i = 0; i < request.prompt().tokens() + ctx.plan().textTokens(); i++) context.add(128000 + i % 1000);
            }
            putNonZero(o, "total_duration", atNanos - ctx.arrivalNanos());
            putNonZero(o, "load_duration", c.loadNanos());
            putNonZero(o, "prompt_eval_count", request.prompt().tokens());
            putNonZero(o, "prompt_eval_duration", c.promptEvalNanos());
            putNonZero(o, "eval_count", c.outputTokens());
            putNonZero(o, "eval_duration", c.evalNanos());
            return o;
        }

        private static void putNonZero(ObjectNode o, String field, long value) {
            if (value != 0) o.put(field, value);
        }

        @Override
        public List<Chunk> finish(Completion c, long atNanos) {
            return List.of(Chunk.ndjson("done", Wire.json(done(c, atNanos, ""))));
        }

        @Override
        public Chunk malformed() {
            return Chunk.ndjson("malformed", "{\"model\":\"" + request.model() + "\",\"created_at\":");
        }

        @Override
        public String body(Completion c, long atNanos) {
            if (request.purpose() != Job.Purpose.GENERATE) {
                String reason = request.purpose() == Job.Purpose.LOAD ? "load" : "unload";
                ObjectNode o = head(atNanos, "");
                if (chat) o.put("done_reason", reason).put("done", true);
                else o.put("done", true).put("done_reason", reason);
                return Wire.json(o);
            }
            ObjectNode o = done(c, atNanos, ctx.reply().text(ctx.plan().textTokens()));
            if (request.logprobs().on()) {
                ArrayNode all = o.putArray("logprobs");
                for (int i = 0; i < ctx.plan().textTokens(); i++) all.add(logprob(i));
            }
            return Wire.json(o);
        }
    }
}
