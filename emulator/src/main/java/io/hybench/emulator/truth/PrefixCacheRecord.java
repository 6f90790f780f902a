package io.hybench.emulator.truth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * How much of one delivered request's prompt the engine took from its prefix cache instead of prefilling
 * (written once the response was delivered). In a truth file it is a line of {@code kind} "prefix_cache".
 *
 * @param request       the emulator's request number (joins the request's write records)
 * @param promptTokens  the prompt's length in tokens, as the usage reports it
 * @param cachedTokens  of those, the tokens served from the cache
 * @param clientRequest the client's request id (header {@code x-hybench-request-id}), null when it sent none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"request", "kind", "promptTokens", "cachedTokens", "clientRequest"})
public record PrefixCacheRecord(long request, int promptTokens, int cachedTokens, String clientRequest) implements TruthEntry {
    @JsonProperty("kind")
    public String kind() {
        return "prefix_cache";
    }
}
