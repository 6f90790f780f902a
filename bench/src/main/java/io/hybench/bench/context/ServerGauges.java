package io.hybench.bench.context;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.List;

/**
 * What a server said about its own state at one moment, one variant per kind of server. A field the
 * server did not report is null, never 0.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({@JsonSubTypes.Type(value = ServerGauges.Vllm.class, name = "vllm"),
        @JsonSubTypes.Type(value = ServerGauges.Ollama.class, name = "ollama")})
public sealed interface ServerGauges {
    /** Run-relative time the reply arrived. */
    long atNanos();

    /**
     * vLLM's Prometheus gauges ({@code GET /metrics}), summed over engines.
     *
     * @param running      {@code vllm:num_requests_running}
     * @param waiting      {@code vllm:num_requests_waiting}
     * @param kvCacheUsage {@code vllm:kv_cache_usage_perc} (a fraction 0-1; before 0.9 {@code vllm:gpu_cache_usage_perc}), mean over engines
     * @param prefixCache  the prefix cache's token counters since the server started; null when it reports none
     */
    record Vllm(long atNanos, Double running, Double waiting, Double kvCacheUsage,
                @JsonInclude(JsonInclude.Include.NON_NULL) PrefixCache prefixCache) implements ServerGauges {
    }

    /**
     * vLLM's prefix-cache counters, summed over engines; a step's hit rate is the ratio of their increases.
     *
     * @param queriedTokens {@code vllm:prefix_cache_queries_total}: prompt tokens looked up
     * @param hitTokens     {@code vllm:prefix_cache_hits_total}: of those, tokens served from the cache
     */
    record PrefixCache(double queriedTokens, double hitTokens) {
    }

    /**
     * Ollama's loaded models ({@code GET /api/ps}).
     *
     * @param loadedModels      names of the models in memory
     * @param targetModelLoaded whether the target's model is among them
     * @param vramBytes         {@code size_vram} summed over loaded models
     */
    record Ollama(long atNanos, List<String> loadedModels, boolean targetModelLoaded, Long vramBytes) implements ServerGauges {
        public Ollama {
            loadedModels = List.copyOf(loadedModels);
        }
    }
}
