package io.hybench.bench.context;

import com.fasterxml.jackson.databind.JsonNode;
import io.hybench.bench.client.ApiKind;
import io.hybench.bench.client.ServerFlavor;
import io.hybench.bench.client.Target;
import io.hybench.core.mapper.Json;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Asks a local server about itself: its version, and gauges of its state while a run loads it. One variant
 * per server kind that has such endpoints; cloud APIs have none.
 */
public sealed interface ServerProbe {
    Duration TIMEOUT = Duration.ofSeconds(2);

    /** The probe for a target, or empty when its server kind reports nothing about itself. */
    static Optional<ServerProbe> forTarget(Target t) {
        if (t.api() == ApiKind.OLLAMA || t.flavor() == ServerFlavor.OLLAMA) return Optional.of(new Ollama(t));
        if (t.flavor() == ServerFlavor.VLLM) return Optional.of(new Vllm(t));
        return Optional.empty();
    }

    /** Why a target has no probe, for "not sampled" notes. */
    static String noProbeReason(Target t) {
        return "no server-side endpoints for " + t.api().name().toLowerCase(java.util.Locale.ROOT) + " targets of flavor "
                + t.flavor().name().toLowerCase(java.util.Locale.ROOT) + " (only Ollama and vLLM report their state)";
    }

    Target target();

    /** The endpoint the gauges come from, e.g. {@code GET /metrics}. */
    String gaugeSource();

    /** Reads the gauges now; throws {@link IOException} with the reason when the server does not answer as expected. */
    ServerGauges sample(HttpClient http, long atNanos) throws IOException, InterruptedException;

    /** Asks the server's version endpoint; never throws, a failure is in the note. */
    TargetVersion version(HttpClient http) throws InterruptedException;

    static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    }

    private static String get(HttpClient http, Target t, String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(t.resolve(path)).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (r.statusCode() != 200) throw new IOException("GET " + path + " answered HTTP " + r.statusCode());
        return r.body();
    }

    private static TargetVersion askVersion(HttpClient http, Target t, String path) throws InterruptedException {
        try {
            JsonNode v = Json.MAPPER.readTree(get(http, t, path)).get("version");
            if (v == null || !v.isTextual()) return new TargetVersion(t.name(), null, "GET " + path, "no \"version\" string in the reply");
            return new TargetVersion(t.name(), v.asText(), "GET " + path, null);
        } catch (IOException e) {
            return new TargetVersion(t.name(), null, "GET " + path, e.getMessage());
        }
    }

    /** Ollama: {@code GET /api/ps} and {@code GET /api/version}. */
    record Ollama(Target target) implements ServerProbe {
        @Override
        public String gaugeSource() {
            return "GET /api/ps";
        }

        @Override
        public ServerGauges sample(HttpClient http, long atNanos) throws IOException, InterruptedException {
            JsonNode models = Json.MAPPER.readTree(get(http, target, "/api/ps")).get("models");
            if (models == null || !models.isArray()) throw new IOException("GET /api/ps: no \"models\" array in the reply");
            List<String> names = new ArrayList<>();
            Long vram = null;
            for (JsonNode m : models) {
                JsonNode name = m.hasNonNull("name") ? m.get("name") : m.get("model");
                if (name != null) names.add(name.asText());
                if (m.hasNonNull("size_vram")) vram = (vram == null ? 0 : vram) + m.get("size_vram").asLong();
            }
            return new ServerGauges.Ollama(atNanos, names, names.contains(target.model()), vram);
        }

        @Override
        public TargetVersion version(HttpClient http) throws InterruptedException {
            return askVersion(http, target, "/api/version");
        }
    }

    /** vLLM: Prometheus {@code GET /metrics} and {@code GET /version}. */
    record Vllm(Target target) implements ServerProbe {
        @Override
        public String gaugeSource() {
            return "GET /metrics";
        }

        @Override
        public ServerGauges sample(HttpClient http, long atNanos) throws IOException, InterruptedException {
            PrometheusText m = PrometheusText.parse(get(http, target, "/metrics"));
            Double kv = m.mean("vllm:kv_cache_usage_perc");
            if (kv == null) kv = m.mean("vllm:gpu_cache_usage_perc");
            Double running = m.sum("vllm:num_requests_running");
            Double waiting = m.sum("vllm:num_requests_waiting");
            if (running == null && waiting == null && kv == null) throw new IOException("GET /metrics: no vllm:* gauges in the reply");
            Double queried = m.sum("vllm:prefix_cache_queries_total");
            Double hits = m.sum("vllm:prefix_cache_hits_total");
            return new ServerGauges.Vllm(atNanos, running, waiting, kv,
                    queried == null || hits == null ? null : new ServerGauges.PrefixCache(queried, hits));
        }

        @Override
        public TargetVersion version(HttpClient http) throws InterruptedException {
            return askVersion(http, target, "/version");
        }
    }
}
