package io.hybench.bench.load;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hybench.bench.client.PromptCaching;

/**
 * Request fields common to every prompt of a workload.
 *
 * @param chat              chat endpoint (true) or completion/generate endpoint
 * @param forceOutputLength ask the server to emit exactly the requested output length where it can
 *                          (vLLM {@code ignore_eos}); the record says whether it was honoured
 * @param temperature       sampling temperature, null for the server's default
 * @param timeouts          how long each request may wait on its server (written only when not the defaults, so
 *                          resolved workloads of earlier versions are written back as they were)
 * @param promptCaching     whether requests carry prompt-cache marks where the protocol needs them (Anthropic
 *                          {@code cache_control}); written only when {@code auto}
 */
public record RequestOptions(boolean chat, boolean forceOutputLength, @JsonInclude(JsonInclude.Include.NON_NULL) Double temperature,
                             @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = RequestTimeouts.IfDefault.class) RequestTimeouts timeouts,
                             @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = RequestOptions.IfOff.class) PromptCaching promptCaching) {
    public RequestOptions {
        if (temperature != null && (!(temperature >= 0) || !Double.isFinite(temperature))) {
            throw new IllegalArgumentException("temperature must be >= 0, was " + temperature);
        }
        timeouts = timeouts != null ? timeouts : RequestTimeouts.DEFAULTS;
        promptCaching = promptCaching != null ? promptCaching : PromptCaching.OFF;
    }

    /** Options without prompt-cache marks. */
    public RequestOptions(boolean chat, boolean forceOutputLength, Double temperature, RequestTimeouts timeouts) {
        this(chat, forceOutputLength, temperature, timeouts, null);
    }

    /** Options with the default timeouts. */
    public RequestOptions(boolean chat, boolean forceOutputLength, Double temperature) {
        this(chat, forceOutputLength, temperature, null);
    }

    public RequestOptions withTimeouts(RequestTimeouts t) {
        return new RequestOptions(chat, forceOutputLength, temperature, t, promptCaching);
    }

    public RequestOptions withPromptCaching(PromptCaching p) {
        return new RequestOptions(chat, forceOutputLength, temperature, timeouts, p);
    }

    /** Jackson's filter: true (leave out) when prompt caching is off, so earlier resolved workloads read back unchanged. */
    static final class IfOff {
        @Override
        public boolean equals(Object o) {
            return o == null || o == PromptCaching.OFF;
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }

    /** Chat endpoint, the server's output length and temperature. */
    public static RequestOptions defaults() {
        return fromFile(null, null, null, null, null);
    }

    @JsonCreator
    static RequestOptions fromFile(@JsonProperty("chat") Boolean chat, @JsonProperty("forceOutputLength") Boolean forceOutputLength,
                                   @JsonProperty("temperature") Double temperature, @JsonProperty("timeouts") RequestTimeouts timeouts,
                                   @JsonProperty("promptCaching") PromptCaching promptCaching) {
        return new RequestOptions(chat == null || chat, forceOutputLength != null && forceOutputLength, temperature, timeouts, promptCaching);
    }
}
