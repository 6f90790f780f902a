package io.hybench.bench.load;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Request fields common to every prompt of a workload.
 *
 * @param chat              chat endpoint (true) or completion/generate endpoint
 * @param forceOutputLength ask the server to emit exactly the requested output length where it can
 *                          (vLLM {@code ignore_eos}); the record says whether it was honoured
 * @param temperature       sampling temperature, null for the server's default
 */
public record RequestOptions(boolean chat, boolean forceOutputLength, @JsonInclude(JsonInclude.Include.NON_NULL) Double temperature) {
    public RequestOptions {
        if (temperature != null && (!(temperature >= 0) || !Double.isFinite(temperature))) {
            throw new IllegalArgumentException("temperature must be >= 0, was " + temperature);
        }
    }

    /** Chat endpoint, the server's output length and temperature. */
    public static RequestOptions defaults() {
        return fromFile(null, null, null);
    }

    @JsonCreator
    static RequestOptions fromFile(@JsonProperty("chat") Boolean chat, @JsonProperty("forceOutputLength") Boolean forceOutputLength,
                                   @JsonProperty("temperature") Double temperature) {
        return new RequestOptions(chat == null || chat, forceOutputLength != null && forceOutputLength, temperature);
    }
}
