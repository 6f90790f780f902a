package io.hybench.emulator.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hybench.emulator.answer.AnswerKey;
import io.hybench.emulator.engine.Engine;
import io.hybench.emulator.engine.EngineGauges;
import io.hybench.emulator.engine.RealTimeLoop;
import io.hybench.emulator.profile.EmulatorProfile;
import io.hybench.emulator.profile.ModelMemory;
import io.hybench.emulator.profile.OllamaParams;
import io.hybench.emulator.truth.TruthLog;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The emulator's HTTP routes: Ollama ({@code /api/...}), OpenAI-compatible ({@code /v1/...} in the
 * dialect of the profile's engine), Anthropic ({@code /v1/messages}) and vLLM's Prometheus {@code /metrics}.
 * Shared by every connection; called on the connection's event loop.
 */
public final class EmulatorHandler {
    private static final String JSON = "application/json; charset=utf-8";

    private final EmulatorProfile profile;
    private final Engine engine;
    private final WallClock clock;
    private final ExchangeDriver driver;
    private final OllamaApi ollama = new OllamaApi();
    private final OpenAiApi openAi;
    private final OpenAiDialect dialect;
    private final AnthropicApi anthropic = new AnthropicApi();

    public EmulatorHandler(EmulatorProfile profile, Engine engine, RealTimeLoop loop, TruthLog truth, long seed,
                           long originNanoTime, Instant originWall, AnswerKey answerKey) {
        this.profile = profile;
        this.engine = engine;
        this.clock = new WallClock(originWall);
        this.driver = new ExchangeDriver(profile, engine, loop, truth, seed, originNanoTime, clock, answerKey);
        this.dialect = switch (profile.kind()) {
            case OLLAMA -> OpenAiDialect.OLLAMA;
            case VLLM -> OpenAiDialect.VLLM;
            case CLOUD -> OpenAiDialect.OPENAI;
        };
        this.openAi = new OpenAiApi(dialect);
    }

    void handle(Exchange exchange) {
        String path = exchange.path();
        boolean post = exchange.method().equals("POST");
        switch (path) {
            case "/api/chat", "/api/generate" -> generation(exchange, post, ollama, path);
            case "/v1/chat/completions", "/v1/completions" -> generation(exchange, post, openAi, path);
            case "/v1/messages" -> generation(exchange, post, anthropic, path);
            case "/" -> send(exchange, 200, "text/plain; charset=utf-8", "Ollama is running");
            case "/api/version" -> send(exchange, 200, JSON, Wire.json(Wire.object().put("version", profile.serverVersion())));
            case "/api/tags" -> send(exchange, 200, JSON, tags());
            case "/api/ps" -> send(exchange, 200, JSON, ps());
            case "/v1/models" -> send(exchange, 200, JSON, models());
            case "/metrics" -> send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics());
            default -> send(exchange, 404, "text/plain", "404 page not found");
        }
    }

    private void generation(Exchange exchange, boolean post, FrontEnd frontEnd, String path) {
        if (!post) {
            send(exchange, 405, "text/plain", "405 method not allowed");
            return;
        }
        driver.serve(exchange, frontEnd, path);
    }

    private static void send(Exchange exchange, int status, String contentType, String body) {
        exchange.respond(status, contentType, body);
    }

    private String digest() {
        return HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(32)
                .putLong(TokenText.mix(profile.model().hashCode())).putLong(TokenText.mix(profile.model().length()))
                .putLong(TokenText.mix(profile.name().hashCode())).putLong(TokenText.mix(1)).array());
    }

    /** The profile's model sizes (Ollama profiles may give them; others report 0). */
    private ModelMemory memory() {
        return profile.engine() instanceof OllamaParams p ? p.memory() : ModelMemory.NONE;
    }

    private ObjectNode ollamaModel() {
        ObjectNode m = Wire.object().put("name", profile.model()).put("model", profile.model());
        return m;
    }

    private ObjectNode details(ObjectNode m) {
        ObjectNode d = m.putObject("details").put("parent_model", "").put("format", "gguf").put("family", "llama");
        d.putArray("families").add("llama");
        return m;
    }

    private String tags() {
        ObjectNode root = Wire.object();
        ObjectNode m = ollamaModel().put("modified_at", WallClock.rfc3339Nano(clock.instantAt(0)))
                .put("size", memory().fileBytes()).put("digest", digest());
        details(m);
        root.putArray("models").add(m);
        return Wire.json(root);
    }

    private String ps() {
        ObjectNode root = Wire.object();
        var models = root.putArray("models");
        EngineGauges g = engine.gauges();
        if (g.modelLoaded()) {
            ObjectNode m = ollamaModel().put("size", memory().loadedBytes()).put("digest", digest());
            details(m);
            long keepAlive = profile.engine() instanceof OllamaParams p ? p.keepAliveNanos() : -1;
            long nowNanos = java.time.Duration.between(clock.origin(), Instant.now()).toNanos();
            Instant expires = g.unloadAtNanos() >= 0 ? clock.instantAt(g.unloadAtNanos())
                    : keepAlive < 0 ? Instant.parse("2318-01-01T00:00:00Z") : clock.instantAt(nowNanos + keepAlive);
            m.put("expires_at", WallClock.rfc3339Nano(expires)).put("size_vram", memory().vramBytes())
                    .put("context_length", g.contextTokens() > 0 ? g.contextTokens() : profile.output().contextTokens());
            models.add(m);
        }
        return Wire.json(root);
    }

    private String models() {
        ObjectNode root = Wire.object().put("object", "list");
        ObjectNode m = root.putArray("data").addObject().put("id", profile.model()).put("object", "model")
                .put("created", clock.origin().getEpochSecond());
        switch (dialect) {
            case VLLM -> m.put("owned_by", "vllm").put("root", profile.model()).putNull("parent")
                    .put("max_model_len", profile.output().contextTokens());
            case OLLAMA -> m.put("owned_by", "library");
            case OPENAI -> m.put("owned_by", "system");
        }
        return Wire.json(root);
    }

    private String metrics() {
        EngineGauges g = engine.gauges();
        String labels = "{engine=\"0\",model_name=\"" + profile.model().replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        StringBuilder sb = new StringBuilder();
        gauge(sb, "vllm:num_requests_running", "Number of requests in model execution batches.", "gauge", labels, g.running());
        gauge(sb, "vllm:num_requests_waiting", "Number of requests waiting to be processed.", "gauge", labels, g.waiting());
        gauge(sb, "vllm:kv_cache_usage_perc", "KV-cache usage. 1 means 100 percent usage.", "gauge", labels, g.kvCacheUsage());
        gauge(sb, "vllm:num_preemptions_total", "Cumulative number of preemption from the engine.", "counter", labels, g.preemptions());
        gauge(sb, "vllm:prefix_cache_queries_total", "Prefix cache queries, in terms of number of queried tokens.", "counter", labels,
                g.prefixCacheQueries());
        gauge(sb, "vllm:prefix_cache_hits_total", "Prefix cache hits, in terms of number of cached tokens.", "counter", labels,
                g.prefixCacheHits());
        return sb.toString();
    }

    private static void gauge(StringBuilder sb, String name, String help, String type, String labels, double value) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(' ').append(type).append('\n')
                .append(name).append(labels).append(' ').append(String.format(Locale.ROOT, "%s", value)).append('\n');
    }
}
